package dev.recoverydesk.operations;

import dev.recoverydesk.mail.MailSent;
import dev.recoverydesk.mail.MailSorted;
import dev.recoverydesk.mail.MailboxRead;
import dev.recoverydesk.mail.Outbox;
import dev.recoverydesk.recovery.CaseClosed;
import dev.recoverydesk.recovery.CaseOpened;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.IntakeLimitReached;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.twofactor.BackupCodeAccepted;
import dev.recoverydesk.twofactor.BackupCodeRefused;
import dev.recoverydesk.twofactor.CodeCheckFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The desk's counters and histograms, each counted once where the other modules say the thing
 * happened (their events), on the node where it happened: sum them over the nodes. Counted after
 * the transaction that did it commits, so work that is rolled back and tried again counts once.
 *
 * <p>Labels take a handful of values each, all registered at start so that a series exists (at 0)
 * before its first event: never a username, an address or a case id.
 */
@Component
class DeskMetrics {

  static final String CASES_OPENED = "recovery.cases.opened";
  static final String CASES_CLOSED = "recovery.cases.closed";
  static final String CASE_DURATION = "recovery.case.duration";
  static final String MAIL_SENT = "recovery.mail.sent";
  static final String MAIL_RECEIVED = "recovery.mail.received";
  static final String REPLY_LAG = "recovery.mail.reply.lag";
  static final String MAIL_LAST_READ = "recovery.mail.last.read.timestamp";
  static final String OUTBOX_BACKLOG = "recovery.outbox.backlog";

  /** The outbox's channels: mail, and texts to phones. */
  static final List<String> OUTBOX_CHANNELS = List.of("mail", "sms");

  static final String CODE_CHECKS = "recovery.backup.code.checks";
  static final String INTAKE_LIMITED = "recovery.intake.limited";

  /** Where requests come from: the API, the web form, a mail to the support address. */
  static final List<String> CHANNELS = List.of("REST", "WEB", "MAIL");

  static final List<String> LIMITS = List.of("account", "contact", "client");

  /** Cases take minutes (self-service) to days (identity review, the hold period). */
  private static final Duration[] CASE_BUCKETS = {
    Duration.ofMinutes(5),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(4),
    Duration.ofHours(12),
    Duration.ofDays(1),
    Duration.ofDays(2),
    Duration.ofDays(3),
    Duration.ofDays(5),
    Duration.ofDays(7),
    Duration.ofDays(14),
    Duration.ofDays(30)
  };

  /** Users answer within minutes or within days; the questionnaire expires after a week. */
  private static final Duration[] REPLY_BUCKETS = {
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15),
    Duration.ofHours(1),
    Duration.ofHours(4),
    Duration.ofHours(12),
    Duration.ofDays(1),
    Duration.ofDays(2),
    Duration.ofDays(7)
  };

  private final MeterRegistry registry;
  private final Timer caseDuration;
  private final Timer replyLag;
  private final AtomicLong lastReadMillis = new AtomicLong();

  DeskMetrics(
      MeterRegistry registry,
      Outbox outbox,
      @Value("${recovery.mail.imap.enabled:true}") boolean readsMailbox) {
    this.registry = registry;
    for (String channel : OUTBOX_CHANNELS) {
      // One count in the shared database when scraped: every node reports the whole backlog.
      Gauge.builder(OUTBOX_BACKLOG, outbox, box -> box.backlog(channel))
          .description("Messages recorded and not yet accepted by their server, on all nodes")
          .tag("channel", channel)
          .register(registry);
    }
    for (Problem problem : Problem.values()) {
      for (String channel : CHANNELS) {
        opened(problem, channel);
      }
      for (CaseStatus outcome : CaseStatus.values()) {
        if (outcome.closed()) {
          closed(problem, outcome);
        }
      }
    }
    for (MailSorted.Verdict verdict : MailSorted.Verdict.values()) {
      received(verdict);
    }
    codeChecks("accepted");
    for (CodeCheckFailure reason : CodeCheckFailure.values()) {
      codeChecks(lower(reason.name()));
    }
    for (String limit : LIMITS) {
      limited(limit);
    }
    caseDuration =
        Timer.builder(CASE_DURATION)
            .description("How long closed cases were open, from the request to their outcome")
            .serviceLevelObjectives(CASE_BUCKETS)
            .register(registry);
    replyLag =
        Timer.builder(REPLY_LAG)
            .description("From the mail a case waits on being sent to the reply that moved it on")
            .serviceLevelObjectives(REPLY_BUCKETS)
            .register(registry);
    if (readsMailbox) {
      Gauge.builder(MAIL_LAST_READ, lastReadMillis, millis -> millis.get() / 1000.0)
          .description("When the support mailbox was last read to its end (0: not yet)")
          .baseUnit("seconds")
          .register(registry);
    }
  }

  @TransactionalEventListener(fallbackExecution = true)
  void caseOpened(CaseOpened event) {
    opened(event.problem(), event.channel()).increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void caseClosed(CaseClosed event) {
    closed(event.problem(), event.outcome()).increment();
    caseDuration.record(event.open());
  }

  /** Templates are known by their first mail; both its series exist from then on. */
  @EventListener
  void mailSent(MailSent event) {
    var sent = mailSent(event.template(), "sent");
    var failed = mailSent(event.template(), "failed");
    (event.sent() ? sent : failed).increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void mailSorted(MailSorted event) {
    received(event.verdict()).increment();
  }

  @EventListener
  void mailboxRead(MailboxRead event) {
    // Wall-clock time, as Prometheus compares it with its own time().
    lastReadMillis.set(System.currentTimeMillis());
  }

  /** A reply moved its case on this long after the mail it answers was sent. */
  void replied(Duration lag) {
    replyLag.record(lag);
  }

  @TransactionalEventListener(fallbackExecution = true)
  void codeAccepted(BackupCodeAccepted event) {
    codeChecks("accepted").increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void codeRefused(BackupCodeRefused event) {
    codeChecks(lower(event.reason().name())).increment();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void intakeLimited(IntakeLimitReached event) {
    limited(event.limit()).increment();
  }

  private Counter opened(Problem problem, String channel) {
    return Counter.builder(CASES_OPENED)
        .description("Cases opened, by the problem they were opened for and where they came from")
        .tag("problem", problem.name())
        .tag("channel", channel)
        .register(registry);
  }

  private Counter closed(Problem problem, CaseStatus outcome) {
    return Counter.builder(CASES_CLOSED)
        .description("Cases closed, by problem and outcome")
        .tag("problem", problem.name())
        .tag("outcome", outcome.name())
        .register(registry);
  }

  private Counter mailSent(String template, String result) {
    return Counter.builder(MAIL_SENT)
        .description(
            "Outbox mail handed to the mail server (sent), or refused on an attempt (failed)")
        .tag("template", template)
        .tag("result", result)
        .register(registry);
  }

  private Counter received(MailSorted.Verdict verdict) {
    return Counter.builder(MAIL_RECEIVED)
        .description("Mail read from the support mailbox, by what the desk made of it")
        .tag("verdict", lower(verdict.name()))
        .register(registry);
  }

  private Counter codeChecks(String result) {
    return Counter.builder(CODE_CHECKS)
        .description("Backup code checks: accepted, or the reason of the refusal")
        .tag("result", result)
        .register(registry);
  }

  private Counter limited(String limit) {
    return Counter.builder(INTAKE_LIMITED)
        .description("Requests to open a case that an intake limit refused")
        .tag("limit", limit)
        .register(registry);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
