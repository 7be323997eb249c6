package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyAddress;
import dev.recoverydesk.mail.ReplyHandler;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbound pipeline: store, then identify and hand over. Storing is its own transaction and
 * comes first, so the mailbox may be told "seen" only once the mail is safe with us.
 */
@Service
public class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);
  private static final Session PARSING = Session.getInstance(new Properties());
  private static final String[] RECIPIENT_HEADERS = {
    "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"
  };

  private final InboundMailRepository mails;
  private final ReplyAddress replyAddress;
  private final List<ReplyHandler> handlers;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Inbox(
      InboundMailRepository mails,
      ReplyAddress replyAddress,
      List<ReplyHandler> handlers,
      TransactionTemplate transactions) {
    this.mails = mails;
    this.replyAddress = replyAddress;
    this.handlers = handlers;
    this.transactions = transactions;
    this.clock = Clock.systemUTC();
  }

  /**
   * Stores a mail exactly as received.
   *
   * @return the stored mail's id; the earlier copy's id when the same mail arrives again
   */
  public long store(byte[] raw) throws MessagingException {
    var message = parse(raw);
    var messageId = messageId(message, raw);
    var existing = mails.findByMessageId(messageId);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    var mail =
        new InboundMail(
            messageId,
            clock.instant(),
            firstFrom(message).map(EmailAddress::value).orElse(null),
            truncate(message.getSubject(), 998),
            raw);
    try {
      return transactions.execute(status -> mails.saveAndFlush(mail).id());
    } catch (DataIntegrityViolationException raced) {
      // Another node stored the same mail a moment ago.
      return mails.findByMessageId(messageId).orElseThrow(() -> raced).id();
    }
  }

  /** Identifies the case a stored mail belongs to and hands it to the case, once. */
  public void process(long mailId) {
    transactions.executeWithoutResult(
        status -> {
          var mail = mails.findById(mailId).orElseThrow();
          if (mail.status() != InboundMail.Status.RECEIVED) {
            return;
          }
          try {
            route(mail, parse(mail.raw()));
          } catch (MessagingException e) {
            mail.unmatched(null, "unreadable");
          }
        });
  }

  private void route(InboundMail mail, MimeMessage message) throws MessagingException {
    var from = firstFrom(message);
    if (from.isEmpty()) {
      mail.unmatched(null, "no-sender");
      return;
    }
    CaseId caseId = null;
    boolean signed = false;
    for (EmailAddress recipient : recipients(message)) {
      var match = replyAddress.read(recipient);
      if (match instanceof ReplyAddress.Forged) {
        // A token that fails its signature is never rescued by the weaker fallbacks.
        mail.unmatched(null, "forged-token");
        log.warn("Mail {} carries a reply token with a bad signature", mail.id());
        return;
      }
      if (match instanceof ReplyAddress.Signed signedMatch) {
        caseId = signedMatch.caseId();
        signed = true;
      }
    }
    if (caseId == null) {
      caseId = CaseId.findTag(message.getSubject()).orElse(null);
    }
    if (caseId == null) {
      mail.unmatched(null, "no-case");
      return;
    }
    var reply =
        new Reply(mail.id(), mail.messageId(), caseId, from.get(), message.getSubject(), signed);
    for (ReplyHandler handler : handlers) {
      if (handler.handle(reply)) {
        mail.delivered(caseId.value());
        return;
      }
    }
    mail.unmatched(caseId.value(), "not-expected");
  }

  private static MimeMessage parse(byte[] raw) throws MessagingException {
    return new MimeMessage(PARSING, new ByteArrayInputStream(raw));
  }

  /** Mail without a Message-ID gets one from its content, so duplicates still collapse. */
  private static String messageId(MimeMessage message, byte[] raw) throws MessagingException {
    var header = message.getMessageID();
    if (header != null && !header.isBlank()) {
      return truncate(header.strip(), 998);
    }
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return "<sha256-" + HexFormat.of().formatHex(digest) + "@no-message-id>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<EmailAddress> firstFrom(MimeMessage message) throws MessagingException {
    Address[] from = message.getFrom();
    if (from == null) {
      return Optional.empty();
    }
    for (Address address : from) {
      if (address instanceof InternetAddress internet) {
        var parsed = EmailAddress.parse(internet.getAddress());
        if (parsed.isPresent()) {
          return parsed;
        }
      }
    }
    return Optional.empty();
  }

  private static List<EmailAddress> recipients(MimeMessage message) throws MessagingException {
    var found = new ArrayList<EmailAddress>();
    for (String header : RECIPIENT_HEADERS) {
      var values = message.getHeader(header);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        try {
          for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
            EmailAddress.parse(address.getAddress()).ifPresent(found::add);
          }
        } catch (MessagingException unparsable) {
          // A mangled header names nobody.
        }
      }
    }
    return found;
  }

  private static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max);
  }
}
