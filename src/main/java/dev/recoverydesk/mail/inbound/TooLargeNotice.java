package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.mail.TriageReason;
import jakarta.mail.MessagingException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end of the receive step for a mail over the {@link SizeCap}: only its headers were stored, so
 * it is not read any further. It goes to triage ({@code too-large}), and a person who sent it is
 * told the cap, in the language of its subject; a machine is never answered (no mail loops).
 */
final class TooLargeNotice {

  private static final Logger log = LoggerFactory.getLogger(TooLargeNotice.class);

  private final InboundMailRepository mails;
  private final TransactionTemplate transactions;
  private final Delivery delivery;
  private final EmailAddress support;
  private final SizeCap cap;
  private final Mailer mailer;

  TooLargeNotice(
      InboundMailRepository mails,
      TransactionTemplate transactions,
      Delivery delivery,
      EmailAddress support,
      SizeCap cap,
      Mailer mailer) {
    this.mails = mails;
    this.transactions = transactions;
    this.delivery = delivery;
    this.support = support;
    this.cap = cap;
    this.mailer = mailer;
  }

  private record Notice(EmailAddress to, String subject) {}

  /** To triage in a transaction of its own; then, once it is recorded, the notice. */
  void handle(long mailId) {
    var notice =
        transactions.execute(
            status -> {
              // Locked: the IDLE loop and a sweep taking the same mail tell its sender once.
              var mail = mails.lockById(mailId).orElseThrow();
              if (mail.status() != InboundMail.Status.RECEIVED) {
                return Optional.<Notice>empty();
              }
              delivery.setAside(mail, TriageReason.TOO_LARGE);
              return recipient(mail).map(to -> new Notice(to, mail.subject()));
            });
    notice.ifPresent(to -> send(mailId, to.to(), to.subject()));
  }

  /** Whom to tell, from the stored headers: a person, never a machine. */
  Optional<EmailAddress> recipient(InboundMail mail) {
    try {
      var message = MailHeaders.parse(mail.raw());
      var from = MailHeaders.from(message);
      if (from.isEmpty() || MachineMail.reason(message, support, from.get()).isPresent()) {
        return Optional.empty();
      }
      return from;
    } catch (MessagingException unreadable) {
      return Optional.empty();
    }
  }

  /** Sent after the triage is recorded; a notice that cannot be sent is only logged. */
  void send(long mailId, EmailAddress to, String subject) {
    try {
      mailer.send(
          OutboundMail.notice(
              to,
              "mail-too-large",
              Language.ofText(subject).locale(),
              Map.of("maxMegabytes", cap.megabytes())));
    } catch (RuntimeException e) {
      log.warn("Could not tell the sender of mail {} that it was too large", mailId, e);
    }
  }
}
