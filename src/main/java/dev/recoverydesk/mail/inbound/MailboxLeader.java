package dev.recoverydesk.mail.inbound;

import java.net.InetAddress;
import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Makes this node the support mailbox's only reader while it holds the reader's lock row in the
 * shared database, and stops its reading the moment it does not. Spring Integration's leader
 * election: the reader renews the row every heartbeat; the other nodes try to take it every retry
 * and get it once it is older than its time to live (the reader died or lost the database), or at
 * once when the reader stops cleanly and deletes it.
 *
 * <p>Two readers for a moment (a reader paused longer than the time to live, then waking) store
 * nothing twice, the Message-ID being unique, and flag and remove only by UID, so neither touches a
 * mail the other has not stored.
 */
final class MailboxLeader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MailboxLeader.class);
  private static final String REGION = "support-mailbox";

  private final String node;
  private final DefaultLockRepository locks;
  private final LockRegistryLeaderInitiator initiator;
  private final JdbcTemplate jdbc;
  private final long timeToLiveMillis;
  private final Lifecycle reader;
  private volatile boolean reading;

  /**
   * @param reader started on taking the lock and stopped on losing it
   */
  MailboxLeader(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      MailboxLeaderSettings settings,
      String node,
      Lifecycle reader) {
    this.node = node;
    this.jdbc = new JdbcTemplate(dataSource);
    this.timeToLiveMillis = settings.timeToLive().toMillis();
    this.reader = reader;
    locks = new DefaultLockRepository(dataSource, node);
    locks.setRegion(REGION);
    locks.setTimeToLive(Math.toIntExact(timeToLiveMillis));
    locks.setTransactionManager(transactions);
    if (isPostgres(dataSource)) {
      // The waiting nodes' insert of a held lock is refused quietly, not logged by the server as an
      // error once a retry.
      locks.setInsertQuery(locks.getInsertQuery() + " ON CONFLICT DO NOTHING");
    }
    locks.afterPropertiesSet();
    locks.afterSingletonsInstantiated();
    var registry = new JdbcLockRegistry(locks);
    registry.setIdleBetweenTries(settings.retry());
    initiator =
        new LockRegistryLeaderInitiator(
            registry,
            new DefaultCandidate(node, REGION) {
              @Override
              public void onGranted(Context context) {
                reading = true;
                log.info("This node ({}) now reads the support mailbox", node);
                reader.start();
              }

              @Override
              public void onRevoked(Context context) {
                reading = false;
                reader.stop();
                log.info("This node ({}) no longer reads the support mailbox", node);
              }
            });
    initiator.setHeartBeatMillis(settings.heartbeat().toMillis());
    initiator.setBusyWaitMillis(settings.retry().toMillis());
  }

  private static boolean isPostgres(DataSource dataSource) {
    try {
      return "PostgreSQL"
          .equals(
              JdbcUtils.extractDatabaseMetaData(
                  dataSource, DatabaseMetaData::getDatabaseProductName));
    } catch (MetaDataAccessException unknown) {
      return false;
    }
  }

  /** The given name, or the host's, and a random suffix: unique per start, even on one host. */
  static String nodeName(String name) {
    var base = name;
    if (base == null || base.isBlank()) {
      try {
        base = InetAddress.getLocalHost().getHostName();
      } catch (Exception unknown) {
        base = "node";
      }
    }
    var suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    return (base.length() > 80 ? base.substring(0, 80) : base) + "-" + suffix;
  }

  String node() {
    return node;
  }

  /** Whether this node holds the lock and reads the mailbox now. */
  boolean reads() {
    return reading;
  }

  /** The node whose lock is live, if any: whoever reads the mailbox now. */
  Optional<String> reader() {
    // The lock repository writes UTC wall-clock times.
    var since =
        Timestamp.valueOf(
            LocalDateTime.now(ZoneOffset.UTC).minusNanos(timeToLiveMillis * 1_000_000));
    return jdbc
        .queryForList(
            "select client_id from int_lock where region = ? and created_date >= ?",
            String.class,
            REGION,
            since)
        .stream()
        .findFirst();
  }

  @Override
  public void start() {
    locks.start();
    initiator.start();
  }

  /**
   * Stops reading, then gives the lock up (its row deleted): another node reads within one retry,
   * and never while this one still does.
   */
  @Override
  public void stop() {
    if (reading) {
      reader.stop();
    }
    initiator.stop();
    locks.stop();
  }

  @Override
  public boolean isRunning() {
    return initiator.isRunning();
  }

  /** Stopped before the reader it starts, started after it exists. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  void close() {
    stop();
    initiator.destroy();
  }
}
