package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.mail.MailSent;
import dev.recoverydesk.mail.OutboundText;
import dev.recoverydesk.mail.Outbox;
import dev.recoverydesk.mail.TextCourier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox. A message is recorded, rendered, in the transaction that decides to
 * send it (a job's, a request's) and handed to its server only after that transaction commits: a
 * job rolled back sends nothing, a job run again after a crash sends once, and every link in a mail
 * belongs to a token that was stored. A second record with the same key is not sent.
 *
 * <p>The rendered body is stored because it is what must go out after the commit, on any node, and
 * again after a failure; rendering it anew later could not show the one-time link, whose token is
 * kept only as a hash. It is kept until the server accepts the message and then erased, leaving the
 * key, template, recipient (an SMS's number masked), Message-ID, attempts and sent time. Bodies are
 * never logged.
 *
 * <p>After the commit the recording thread sends at once; each node's sweep sends what is due for a
 * retry or what a dead node left behind. A node claims rows with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} and marks them claimed for {@link OutboxSettings#claim()}, so two nodes never send one
 * row at the same time. The one window left: a node that dies after the server accepted a mail and
 * before it marked it sent; that mail is sent again, with its Message-ID unchanged, when the claim
 * runs out.
 *
 * <p>A refused message is retried with a doubling wait, up to {@link
 * OutboxSettings#maxRetryDelay()}, until it goes out; after {@link OutboxSettings#incidentAfter()}
 * failures its case shows an incident ({@link OutboxIncidents}).
 *
 * <p>Longer than the desk's other classes on purpose: recording, claiming, sending, and failing
 * stay in one file, because the promise they keep together (sent once per key, only after the
 * commit, retried until accepted) is only checked by reading them side by side. The rows' SQL is
 * {@link OutboxRows}, the mail server's part {@link SmtpCourier}.
 */
@Component("outbox")
class OutboxDispatcher implements Outbox {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final OutboxRows rows;
  private final SmtpCourier smtp;
  private final Map<String, TextCourier> couriers;
  private final SentMail sentMail;
  private final OutboxIncidents incidents;
  private final OutboxSettings settings;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  OutboxDispatcher(
      OutboxRows rows,
      SmtpCourier smtp,
      List<TextCourier> couriers,
      SentMail sentMail,
      OutboxIncidents incidents,
      OutboxSettings settings,
      ApplicationEventPublisher events,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.rows = rows;
    this.smtp = smtp;
    this.couriers =
        couriers.stream().collect(Collectors.toMap(TextCourier::channel, Function.identity()));
    this.sentMail = sentMail;
    this.incidents = incidents;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
    // Also after a commit, where the finished transaction is still bound to the thread.
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * One logical message: the caller's key if it gave one; else the template, the recipient (hashed)
   * and the process step sending it; else, outside a process, a key of its own.
   */
  static String key(
      String channel, String template, String recipient, String given, Optional<EngineStep> step) {
    if (given != null) {
      return channel + ":" + given;
    }
    return step.map(
            s -> channel + ":" + template + ":" + hash(recipient) + ":" + s.activityInstanceId())
        .orElseGet(() -> channel + ":" + UUID.randomUUID());
  }

  @Override
  public void record(OutboundText text) {
    var step = EngineStep.current();
    record(
        new OutboxRows.Recorded(
            key(text.channel(), text.channel(), text.to(), null, step),
            text.channel(),
            text.channel(),
            step.flatMap(s -> CaseId.parse(s.businessKey())).map(CaseId::value).orElse(null),
            step.map(EngineStep::processInstanceId).orElse(null),
            text.to(),
            null,
            null,
            null,
            null,
            null,
            text.text(),
            null));
  }

  /** Records the message; returns its Message-ID, or the first one's if the key was recorded. */
  String record(OutboxRows.Recorded message) {
    var recorded = rows.insert(message, clock.instant());
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              dispatchNow(recorded.id());
            }
          });
    } else {
      dispatchNow(recorded.id());
    }
    return recorded.messageId();
  }

  /**
   * Sends a message just recorded. Its transaction committed: whatever happens now is the outbox's,
   * and must not make the caller (a job) look failed and run again.
   */
  private void dispatchNow(long id) {
    try {
      dispatch(List.of(id));
    } catch (RuntimeException e) {
      log.warn("Outbox message {} left to the sweep: {}", id, kind(e));
    }
  }

  @Override
  public void dispatchDue() {
    dispatch(null);
  }

  @Scheduled(
      fixedDelayString = "${recovery.mail.outbox.sweep-interval:PT5S}",
      initialDelayString = "${recovery.mail.outbox.sweep-interval:PT5S}")
  void sweep() {
    try {
      dispatchDue();
    } catch (RuntimeException e) {
      log.warn("Outbox sweep failed, tried again in {}: {}", settings.sweepInterval(), kind(e));
    }
  }

  @Override
  public long backlog(String channel) {
    return rows.backlog(channel);
  }

  private void dispatch(Collection<Long> only) {
    var now = clock.instant();
    List<OutboxRows.Row> claimed =
        ownTransaction.execute(
            status -> rows.claim(now, now.plus(settings.claim()), settings.batch(), only));
    for (var row : claimed) {
      try {
        deliver(row);
      } catch (RuntimeException e) {
        // Left claimed: tried again, by any node, once the claim runs out.
        log.warn("Outbox message {} not settled: {}", row.id(), kind(e));
      }
    }
  }

  private void deliver(OutboxRows.Row row) {
    var message = row.message();
    try {
      send(message);
    } catch (RuntimeException refused) {
      failed(row, kind(refused));
      return;
    }
    ownTransaction.executeWithoutResult(
        status -> {
          // Sent again after a node died before it could say so: the record is there already.
          if (message.mail() && sentMail.findAny(List.of(message.messageId())).isEmpty()) {
            sentMail.record(
                message.messageId(),
                message.caseId() == null ? null : new CaseId(message.caseId()),
                new EmailAddress(message.recipient()),
                message.template(),
                message.bounceKey());
          }
          rows.sent(row.id(), keptRecipient(message), clock.instant());
        });
    if (message.mail()) {
      events.publishEvent(new MailSent(message.template(), true));
    }
    if (row.incidentId() != null) {
      ownTransaction.executeWithoutResult(status -> incidents.resolve(row.incidentId()));
    }
  }

  private void send(OutboxRows.Recorded message) {
    if (message.mail()) {
      smtp.send(message);
      return;
    }
    var courier = couriers.get(message.channel());
    if (courier == null) {
      throw new IllegalStateException("No courier for channel " + message.channel());
    }
    // A courier may write (the development outbox): in a transaction of its own, as after a commit
    // the finished one is still bound to the thread.
    ownTransaction.executeWithoutResult(
        status -> courier.deliver(message.recipient(), message.text()));
  }

  private void failed(OutboxRows.Row row, String error) {
    var message = row.message();
    var retry = settings.backoff(row.attempts());
    log.warn(
        "{} {} of case {} not sent (attempt {}), retried in {}: {}",
        message.channel(),
        message.template(),
        message.caseId(),
        row.attempts(),
        retry,
        error);
    if (message.mail()) {
      events.publishEvent(new MailSent(message.template(), false));
    }
    ownTransaction.executeWithoutResult(
        status -> rows.failed(row.id(), error, clock.instant().plus(retry)));
    if (row.incidentId() == null && row.attempts() >= settings.incidentAfter()) {
      try {
        ownTransaction
            .execute(status -> incidents.open(row, error))
            .ifPresent(
                incident ->
                    ownTransaction.executeWithoutResult(
                        status -> rows.incident(row.id(), incident)));
      } catch (RuntimeException e) {
        log.warn("No incident for outbox message {}: {}", row.id(), kind(e));
      }
    }
  }

  /**
   * What a sent message keeps: a mail its address, as {@link SentMail} does; a text its number
   * masked.
   */
  private static String keptRecipient(OutboxRows.Recorded message) {
    return message.mail()
        ? message.recipient()
        : PhoneNumber.parse(message.recipient()).map(PhoneNumber::masked).orElse("(masked)");
  }

  /**
   * The kinds of the failure and its causes, e.g. {@code MailSendException < ConnectException}:
   * enough for an operator, and free of addresses or text that a server's message may echo.
   */
  static String kind(Throwable failure) {
    var kinds = new StringBuilder();
    for (Throwable t = failure; t != null && kinds.length() < 150; t = t.getCause()) {
      kinds.append(kinds.isEmpty() ? "" : " < ").append(t.getClass().getSimpleName());
    }
    return kinds.toString();
  }

  private static String hash(String recipient) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(recipient.getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
