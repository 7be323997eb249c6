package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.EmailAddress;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The receive step's second half: a fetched mail stored exactly as received (one-time links
 * redacted, {@link Redaction}), in a transaction of its own, before the mailbox is told "seen". The
 * unique Message-ID decides between two nodes (or a retry) storing the same mail: the loser finds
 * the winner's copy, and the mail is a {@link Verdict.Duplicate}, the only verdict known at the
 * door.
 */
final class MailStore {

  private static final Logger log = LoggerFactory.getLogger(MailStore.class);

  private final InboundMailRepository mails;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  MailStore(InboundMailRepository mails, ApplicationEventPublisher events, Clock clock) {
    this.mails = mails;
    this.events = events;
    this.clock = clock;
  }

  /**
   * @param size the size on the server; larger than {@code received} when only headers were kept
   * @return the stored mail's id; the earlier copy's id when the same mail arrives again
   */
  long store(byte[] received, long size) throws MessagingException {
    var message = MailHeaders.parse(received);
    var messageId = MailHeaders.messageId(message, received);
    var raw = Redaction.raw(received);
    var existing = mails.idOfMessage(messageId);
    if (existing.isPresent()) {
      return duplicate(existing.get());
    }
    var mail =
        new InboundMail(
            messageId,
            clock.instant(),
            MailHeaders.from(message).map(EmailAddress::value).orElse(null),
            MailHeaders.truncate(MailHeaders.subject(message), MailHeaders.MAX_STORED),
            raw,
            size);
    var inserted = mails.insertFirstCopy(mail);
    if (inserted.isPresent()) {
      return inserted.get();
    }
    // Another reader stored it a moment ago: nothing is lost, and it is counted as a duplicate.
    var winner = mails.idOfMessage(messageId).orElseThrow();
    log.debug("Mail {} was stored by another reader first", winner);
    return duplicate(winner);
  }

  /** The id of the stored mail with this Message-ID header, if one is stored: a duplicate. */
  Optional<Long> storedId(String messageIdHeader) {
    if (messageIdHeader == null || messageIdHeader.isBlank()) {
      return Optional.empty();
    }
    return mails
        .idOfMessage(MailHeaders.truncate(messageIdHeader.strip(), MailHeaders.MAX_STORED))
        .map(this::duplicate);
  }

  private long duplicate(long firstCopy) {
    events.publishEvent(new Verdict.Duplicate(firstCopy).sorted());
    return firstCopy;
  }
}
