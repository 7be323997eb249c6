package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.audit.AuditActor;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.MailSorted;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.NewMailHandler;
import dev.recoverydesk.mail.ReplyAddress;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.mail.TriageReason;
import dev.recoverydesk.mail.outbound.SentMail;
import dev.recoverydesk.mail.reading.ReplyReader;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbound pipeline, one named step after another, each a class of its own:
 *
 * <ol>
 *   <li><b>receive</b>: the mailbox fetches ({@link SupportMailbox}, a mail over the {@link
 *       SizeCap} as its headers only) and {@link MailStore} stores, in a transaction of its own and
 *       before the mailbox is told "seen";
 *   <li><b>classify</b>: {@link Classifier} gives the mail's {@link Verdict};
 *   <li><b>read</b>: {@link ReplyReader} finds what the sender wrote ({@link Verdict#readsText()});
 *   <li><b>deliver</b>: {@link Delivery} acts on the verdict: a bounce, an ignored machine's mail,
 *       a reply taken by its case, a new case, or triage.
 * </ol>
 *
 * Classify, read and deliver run once a mail, in one transaction holding the mail's row lock; a
 * mail over the cap goes to triage at once and its sender is told ({@link TooLargeNotice}). Each
 * step reads the mail within {@link MailLimits}, and a step that overflows the stack sends its mail
 * to triage instead of the mailbox trying it forever.
 */
@Service
public class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  /** The characters of a reply's trimmed text that are kept (four times that of the whole). */
  static final int MAX_TEXT = 20_000;

  /** How long a reply to an open case may wait for the case to wait for it. */
  static final Duration IN_FLIGHT = Duration.ofMinutes(2);

  private final InboundMailRepository mails;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final MailStore store;
  private final Classifier classifier;
  private final Delivery delivery;
  private final TooLargeNotice tooLarge;

  Inbox(
      InboundMailRepository mails,
      ReplyAddress replyAddress,
      SentMail sent,
      ReplyHandler replies,
      List<NewMailHandler> newMailHandlers,
      ApplicationEventPublisher events,
      TransactionTemplate transactions,
      MailSettings settings,
      Mailer mailer,
      Clock clock) {
    this.mails = mails;
    this.events = events;
    this.transactions = transactions;
    var support = settings.supportAddress();
    this.store = new MailStore(mails, events, clock);
    this.classifier =
        new Classifier(
            support, replyAddress, sent, new SenderAuthentication(settings.trustedAuthservIds()));
    this.delivery = new Delivery(sent, replies, newMailHandlers, events, clock);
    this.tooLarge =
        new TooLargeNotice(
            mails, transactions, delivery, support, new SizeCap(settings.maxSize()), mailer);
  }

  /**
   * Stores a mail exactly as received ({@link MailStore}).
   *
   * @return the stored mail's id; the earlier copy's id when the same mail arrives again
   */
  public long store(byte[] raw) throws MessagingException {
    return store(raw, raw.length);
  }

  /**
   * @param size the size on the server; larger than {@code raw} when only headers were kept
   */
  long store(byte[] received, long size) throws MessagingException {
    return store.store(received, size);
  }

  /** The id of the stored mail with this Message-ID header, if one is stored. */
  Optional<Long> storedId(String messageIdHeader) {
    return store.storedId(messageIdHeader);
  }

  /** A stored mail, parsed the way every step reads it. */
  static MimeMessage parse(byte[] raw) throws MessagingException {
    return MailHeaders.parse(raw);
  }

  /** Handles a stored mail, whole or over the cap: for those who did not store it just now. */
  void take(long mailId) {
    if (mails.headersOnly(mailId)) {
      oversized(mailId);
    } else {
      process(mailId);
    }
  }

  /** Classifies, reads and delivers a stored mail, once: a second call does nothing. */
  public void process(long mailId) {
    var stored = mails.status(mailId);
    if (stored.isPresent() && stored.get() != InboundMail.Status.RECEIVED) {
      // Handled already (a sweep or a second node seeing it again): no lock, no raw mail read.
      return;
    }
    // What the mail sets off is its sender's doing, not the desk's: also what runs after commit.
    try (var actor = actorOf(mailId)) {
      try {
        transactions.executeWithoutResult(
            status -> {
              var mail = mails.lockById(mailId).orElseThrow();
              if (mail.status() != InboundMail.Status.RECEIVED) {
                return;
              }
              try {
                steps(mail);
              } catch (OptimisticLockingException | TooEarly notYet) {
                // The case moved on under us (a timer, another mail), or has not yet reached the
                // wait this mail answers: not the mail's fault. Rolled back and left RECEIVED.
                throw notYet;
              } catch (MessagingException | IOException | RuntimeException unreadable) {
                log.warn("Mail {} cannot be read; it goes to triage", mailId, unreadable);
                delivery.triage(mail, new Verdict.Triage(TriageReason.UNREADABLE));
              }
              mail.verdict().ifPresent(verdict -> events.publishEvent(new MailSorted(verdict)));
            });
      } catch (StackOverflowError overflow) {
        failed(mailId, overflow);
      }
    }
  }

  /** Classify, read, deliver. */
  private void steps(InboundMail mail) throws MessagingException, IOException {
    var message = parse(mail.raw());
    var verdict = classifier.classify(mail.id(), message);
    var reading = verdict.readsText() ? ReplyReader.read(message, Redaction::oneTimeLinks) : null;
    delivery.act(mail, verdict, message, reading);
  }

  /** A mail over the size cap: its headers are kept, its sender is told, an agent looks. */
  public void oversized(long mailId) {
    try (var actor = actorOf(mailId)) {
      try {
        tooLarge.handle(mailId);
      } catch (StackOverflowError overflow) {
        failed(mailId, overflow);
      }
    }
  }

  /**
   * A step overflowed the stack on this mail: whatever it did is rolled back, and the mail goes to
   * triage in a transaction of its own, or every later try would overflow the same way. Of the
   * {@link Error}s only this one is caught: it leaves nothing behind once the stack has unwound to
   * here, unlike running out of memory.
   */
  private void failed(long mailId, StackOverflowError overflow) {
    var where = overflow.getStackTrace().length > 0 ? overflow.getStackTrace()[0] : null;
    log.error("A step overflowed the stack on mail {} (at {}); it goes to triage", mailId, where);
    transactions.executeWithoutResult(
        status -> {
          var mail = mails.lockById(mailId).orElseThrow();
          if (mail.status() == InboundMail.Status.RECEIVED) {
            delivery.setAside(mail, TriageReason.STEP_FAILED);
          }
        });
  }

  private AuditActor actorOf(long mailId) {
    return AuditActor.mail(
        mailId, mails.summary(mailId).map(InboundMailRepository.Summary::getSender).orElse(null));
  }

  /**
   * A reply to an open case that does not wait for it yet, typically because the step that sent the
   * mail being answered has not committed: rolled back and left {@code RECEIVED}, so that it is
   * handled again once the case waits for it.
   */
  public static final class TooEarly extends RuntimeException {
    TooEarly(long mailId) {
      super("Mail " + mailId + " came before its case waits for it");
    }
  }
}
