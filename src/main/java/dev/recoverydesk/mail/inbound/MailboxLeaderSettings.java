package dev.recoverydesk.mail.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which node reads the support mailbox when several share one database: the one holding a lock row
 * in it (Spring Integration's leader election on {@code JdbcLockRegistry}).
 *
 * @param enabled elect one reader; off, every node reads (one node alone, as on a laptop)
 * @param timeToLive how long the reader's lock lasts unless renewed: the longest a dead reader's
 *     mailbox waits for another node
 * @param heartbeat how often the reader renews its lock; well under {@code timeToLive}, so that a
 *     slow database round or a pause does not cost the lock
 * @param retry how often the other nodes try to take the lock, and the pause after losing it
 * @param nodeName how this node is named in the lock and in health; empty: the host's name. A
 *     random suffix is added at each start, so two nodes given one name still hold the lock apart
 */
@ConfigurationProperties("recovery.mail.imap.leader")
record MailboxLeaderSettings(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("PT15S") Duration timeToLive,
    @DefaultValue("PT5S") Duration heartbeat,
    @DefaultValue("PT1S") Duration retry,
    @DefaultValue("") String nodeName) {

  MailboxLeaderSettings {
    if (heartbeat.compareTo(timeToLive) >= 0) {
      throw new IllegalArgumentException(
          "recovery.mail.imap.leader.heartbeat must be shorter than its time-to-live");
    }
  }
}
