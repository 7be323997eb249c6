package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.mail.MailSettings;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Stored mail whose processing failed (a crash, a lock that timed out, the engine busy) is tried
 * again every poll interval, until it is handled: stored mail is never left behind. Processing
 * locks the mail's row, so several nodes sweeping at once handle each mail once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InboxSweeper implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(InboxSweeper.class);

  private final JdbcTemplate jdbc;
  private final Inbox inbox;
  private final Duration every;
  private final Clock clock;

  InboxSweeper(JdbcTemplate jdbc, Inbox inbox, MailSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.inbox = inbox;
    this.every = settings.pollInterval();
    this.clock = clock;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(this::sweep, every);
  }

  /** Mail stored more than a poll interval ago and still not handled, whole or over the cap. */
  void sweep() {
    var before = Timestamp.from(clock.instant().minus(every).minusSeconds(1));
    for (long id :
        jdbc.queryForList(
            "select id from inbound_mail where status = 'RECEIVED' and received_at < ?"
                + " order by id limit 20",
            Long.class,
            before)) {
      try {
        inbox.take(id);
      } catch (RuntimeException e) {
        log.warn("Stored mail {} could not be processed yet; it is tried again", id, e);
      } catch (StackOverflowError e) {
        // One mail that overflows must not keep the sweep from the mails after it.
        log.error("Stored mail {} overflowed the stack; it is tried again", id);
      }
    }
  }
}
