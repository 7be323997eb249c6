package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.oauth2.MailSignIn;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.mail.ImapIdleChannelAdapter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Two mailbox readers, as on two nodes, on one database and one support mailbox: only the one
 * holding the reader's lock holds IMAP IDLE. When it loses the database (its heartbeat stops), it
 * stops reading and the other reads within the lock's time to live; when it stops cleanly, the
 * other reads within one retry. Mail sent meanwhile is read by the new reader and stored once.
 */
class MailboxLeaderTest extends IntegrationTest {

  private static final String SUPPORT = "support@recovery.local";
  private static final MailboxLeaderSettings FAST =
      new MailboxLeaderSettings(
          true, Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofMillis(200), "");

  /** Time to live, one retry, and an IMAP login and search. */
  private static final Duration TAKEOVER = FAST.timeToLive().plus(FAST.retry()).plusSeconds(2);

  @Autowired ApplicationContext context;
  @Autowired Inbox inbox;
  @Autowired MailSettings settings;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  @Autowired
  @Qualifier("supportMailboxFlow")
  SmartLifecycle desksOwnReader;

  @Autowired protected ObjectProvider<MailboxLeader> desksOwnLeader;

  private final MailClient mail = mail();
  private final List<Reader> readers = new ArrayList<>();
  private final AtomicInteger bothIdle = new AtomicInteger();
  private final AtomicBoolean watching = new AtomicBoolean(true);
  private Thread watcher;

  @BeforeEach
  void onlyTheTwoReadersOfThisTestRead() {
    desksOwnLeader.ifAvailable(MailboxLeader::stop);
    desksOwnReader.stop();
  }

  @AfterEach
  void theDesksOwnReaderReadsAgain() throws Exception {
    watching.set(false);
    if (watcher != null) {
      watcher.join();
    }
    readers.forEach(Reader::close);
    if (desksOwnLeader.getIfAvailable() != null) {
      desksOwnLeader.getObject().start();
    } else {
      desksOwnReader.start();
    }
  }

  @Test
  void one_reader_at_a_time_and_the_other_takes_over() throws Exception {
    var a = reader("a");
    a.leader.start();
    await().atMost(Duration.ofSeconds(10)).until(a::idles);
    var b = reader("b");
    b.leader.start();
    watchThatNeverBothIdle(a, b);

    var first = send("first");
    await().atMost(Duration.ofSeconds(10)).until(() -> mail.isTaken(SUPPORT, first));
    assertThat(b.idles()).isFalse();
    assertThat(a.leader.reader()).contains(a.leader.node());

    // The reader loses its database: it can renew its lock no longer, so it stops reading.
    long cut = System.nanoTime();
    a.database.cut.set(true);
    await().atMost(Duration.ofSeconds(5)).until(() -> !a.idles());
    var meanwhile = send("meanwhile");
    await().atMost(TAKEOVER).until(b::idles);
    var takeover = Duration.ofNanos(System.nanoTime() - cut);
    assertThat(takeover).isLessThanOrEqualTo(TAKEOVER);
    await().atMost(Duration.ofSeconds(10)).until(() -> mail.isTaken(SUPPORT, meanwhile));
    assertThat(b.leader.reader()).contains(b.leader.node());

    // Back on its database, the old reader waits; a clean stop of the new one hands over at once.
    a.database.cut.set(false);
    var second = send("second");
    await().atMost(Duration.ofSeconds(10)).until(() -> mail.isTaken(SUPPORT, second));
    long stop = System.nanoTime();
    b.leader.stop();
    var last = send("last");
    await().atMost(Duration.ofSeconds(5)).until(a::idles);
    assertThat(Duration.ofNanos(System.nanoTime() - stop)).isLessThan(FAST.retry().plusSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> mail.isTaken(SUPPORT, last));

    for (var messageId : List.of(first, meanwhile, second, last)) {
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from inbound_mail where message_id = ?",
                  Integer.class,
                  messageId))
          .as("stored once: %s", messageId)
          .isEqualTo(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> mail.isTaken(SUPPORT, messageId));
    }
    // Each mail read by the reader of its time, and taken (flagged) before the next one read.
    assertThat(a.read).contains(first, last).doesNotContain(meanwhile, second);
    assertThat(b.read).contains(meanwhile, second).doesNotContain(first, last);
    assertThat(bothIdle).hasValue(0);
  }

  private void watchThatNeverBothIdle(Reader a, Reader b) {
    watcher =
        new Thread(
            () -> {
              while (watching.get()) {
                if (a.idles() && b.idles()) {
                  bothIdle.incrementAndGet();
                }
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    watcher.start();
  }

  private String send(String subject) {
    var messageId = "<" + UUID.randomUUID() + "@client.example>";
    mail.sendRaw(
        ("From: someone@client.example\r\nTo: "
                + SUPPORT
                + "\r\nSubject: "
                + subject
                + "\r\nMessage-ID: "
                + messageId
                + "\r\n\r\nHello.\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        SUPPORT);
    return messageId;
  }

  /**
   * One node's mailbox reader: its receiver, IDLE adapter and leader, on a database it can lose.
   */
  private Reader reader(String name) throws Exception {
    var reader = new Reader(name);
    readers.add(reader);
    return reader;
  }

  private final class Reader {
    final CuttableDataSource database = new CuttableDataSource(dataSource);
    final List<String> read = new CopyOnWriteArrayList<>();
    final UnseenFirstReceiver receiver;
    final ImapIdleChannelAdapter adapter;
    final MailboxLeader leader;
    final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    final MailLanes lanes = new MailLanes(inbox, 1);

    Reader(String name) throws Exception {
      var config = new SupportMailbox();
      receiver = config.supportMailboxReceiver(settings, MailSignIn.withPassword());
      receiver.setBeanFactory(context);
      receiver.setApplicationContext(context);
      receiver.afterPropertiesSet();
      adapter = config.supportMailboxAdapter(receiver, settings, FAST);
      var channel = new DirectChannel();
      channel.subscribe(
          message -> {
            if (message.getPayload() instanceof jakarta.mail.internet.MimeMessage m) {
              try {
                read.add(m.getMessageID());
              } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
              }
            }
            SupportMailbox.take(message, inbox, lanes, settings, receiver);
          });
      adapter.setOutputChannel(channel);
      scheduler.setThreadNamePrefix("reader-" + name + "-");
      scheduler.initialize();
      adapter.setTaskScheduler(scheduler);
      adapter.setBeanFactory(context);
      adapter.afterPropertiesSet();
      leader =
          new MailboxLeader(
              database,
              new DataSourceTransactionManager(database),
              FAST,
              MailboxLeader.nodeName("test-" + name),
              MailboxLeaderConfiguration.reading(adapter, receiver));
    }

    boolean idles() {
      return adapter.isRunning();
    }

    void close() {
      leader.close();
      adapter.stop();
      receiver.release();
      try {
        lanes.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      receiver.destroy();
      scheduler.shutdown();
    }
  }

  /** A node's way to its database, which the test can cut: every new connection then fails. */
  static final class CuttableDataSource extends DelegatingDataSource {
    final AtomicBoolean cut = new AtomicBoolean();

    CuttableDataSource(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (cut.get()) {
        throw new SQLTransientConnectionException("cut off from the database");
      }
      return super.getConnection();
    }
  }
}
