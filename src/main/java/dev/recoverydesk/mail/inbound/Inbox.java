package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.audit.AuditActor;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.CaseLoggedReplies;
import dev.recoverydesk.mail.InboundMails;
import dev.recoverydesk.mail.MailBounced;
import dev.recoverydesk.mail.MailNeedsTriage;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.MailSorted;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.NewMail;
import dev.recoverydesk.mail.NewMailHandler;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyAddress;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.mail.TriageReason;
import dev.recoverydesk.mail.outbound.SentMail;
import dev.recoverydesk.mail.reading.ReplyReader;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The inbound pipeline, one named step after another: store → too deep? → bounce? → machine mail? →
 * match the case → read the text ({@link ReplyReader}) → hand it to the case. Storing is its own
 * transaction and comes first, so the mailbox may be told "seen" only once the mail is safe with
 * us. Whatever no case takes goes to triage: no mail is dropped silently. Each step reads the mail
 * within {@link MailLimits}, and a step that overflows the stack sends its mail to triage instead
 * of the mailbox trying it forever.
 */
@Service
public class Inbox implements InboundMails {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);
  private static final Session PARSING = Session.getInstance(new Properties());
  private static final String[] RECIPIENT_HEADERS = {
    "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"
  };
  private static final Pattern MESSAGE_IDS = Pattern.compile("<[^<>\\s]+>");
  static final int MAX_TEXT = 20_000;

  /** How long a reply to an open case may wait for the case to wait for it. */
  static final Duration IN_FLIGHT = Duration.ofMinutes(2);

  private final InboundMailRepository mails;
  private final ReplyAddress replyAddress;
  private final SentMail sent;
  private final ReplyHandler replies;
  private final List<NewMailHandler> newMailHandlers;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final EmailAddress support;
  private final Mailer mailer;
  private final DataSize maxSize;
  private final SenderAuthentication senderAuthentication;
  private final Clock clock;

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
    this.replyAddress = replyAddress;
    this.sent = sent;
    this.replies = CaseLoggedReplies.of(replies);
    this.newMailHandlers = newMailHandlers;
    this.events = events;
    this.transactions = transactions;
    this.support = settings.supportAddress();
    this.maxSize = settings.maxSize();
    this.senderAuthentication = new SenderAuthentication(settings.trustedAuthservIds());
    this.mailer = mailer;
    this.clock = clock;
  }

  /**
   * Stores a mail exactly as received. The unique Message-ID decides between two nodes (or a retry)
   * storing the same mail: the loser finds the winner's copy.
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
    var message = parse(received);
    var messageId = messageId(message, received);
    var raw = Redaction.raw(received);
    var existing = mails.idOfMessage(messageId);
    if (existing.isPresent()) {
      events.publishEvent(new MailSorted(MailSorted.Verdict.DUPLICATE));
      return existing.get();
    }
    var mail =
        new InboundMail(
            messageId,
            clock.instant(),
            firstFrom(message).map(EmailAddress::value).orElse(null),
            truncate(decodedSubject(message), 998),
            raw,
            size);
    var inserted = mails.insertFirstCopy(mail);
    if (inserted.isPresent()) {
      return inserted.get();
    }
    // Another reader stored it a moment ago: nothing is lost, and it is counted as a duplicate.
    var winner = mails.idOfMessage(messageId).orElseThrow();
    log.debug("Mail {} was stored by another reader first", winner);
    events.publishEvent(new MailSorted(MailSorted.Verdict.DUPLICATE));
    return winner;
  }

  /** Identifies what a stored mail is and hands it on, once: a second call does nothing. */
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
                route(mail, parse(mail.raw()));
              } catch (OptimisticLockingException | TooEarly notYet) {
                // The case moved on under us (a timer, another mail), or has not yet reached the
                // wait this mail answers: not the mail's fault. Rolled back and left RECEIVED.
                throw notYet;
              } catch (MessagingException | IOException | RuntimeException unreadable) {
                log.warn("Mail {} cannot be read; it goes to triage", mailId, unreadable);
                triage(mail, null, TriageReason.UNREADABLE);
              }
              mail.verdict().ifPresent(verdict -> events.publishEvent(new MailSorted(verdict)));
            });
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
            triage(mail, null, TriageReason.STEP_FAILED);
            events.publishEvent(new MailSorted(MailSorted.Verdict.TRIAGE));
          }
        });
  }

  private AuditActor actorOf(long mailId) {
    return AuditActor.mail(
        mailId, mails.summary(mailId).map(InboundMailRepository.Summary::getSender).orElse(null));
  }

  /** The id of the stored mail with this Message-ID header, if one is stored. */
  Optional<Long> storedId(String messageIdHeader) {
    if (messageIdHeader == null || messageIdHeader.isBlank()) {
      return Optional.empty();
    }
    var stored = mails.idOfMessage(truncate(messageIdHeader.strip(), 998));
    stored.ifPresent(known -> events.publishEvent(new MailSorted(MailSorted.Verdict.DUPLICATE)));
    return stored;
  }

  @Override
  public Optional<Stored> find(long mailId) {
    return mails.summary(mailId).map(Inbox::stored);
  }

  @Override
  public List<Stored> ofCase(CaseId caseId) {
    return mails.summariesOfCase(caseId.value()).stream().map(Inbox::stored).toList();
  }

  @Override
  public boolean signedReplyFrom(CaseId caseId, EmailAddress sender) {
    return mails.signedRepliesOf(caseId.value(), sender.value()) > 0;
  }

  private static Stored stored(InboundMailRepository.Summary mail) {
    return new Stored(
        mail.getId(),
        mail.getSender(),
        mail.getSubject(),
        mail.getBodyText(),
        mail.getReceivedAt(),
        CutTexts.parts(mail.getCutText()));
  }

  @Override
  public void attach(long mailId, CaseId caseId, String by) {
    mails.findById(mailId).orElseThrow().attached(caseId.value(), by);
  }

  @Override
  public void discard(long mailId, String reason) {
    mails.findById(mailId).orElseThrow().discarded(reason);
  }

  /** A mail over the size cap: its headers are kept, its sender is told, an agent looks. */
  public void oversized(long mailId) {
    try (var actor = actorOf(mailId)) {
      try {
        tellTooLarge(mailId);
      } catch (StackOverflowError overflow) {
        failed(mailId, overflow);
      }
    }
  }

  private void tellTooLarge(long mailId) {
    var sender =
        transactions.execute(
            status -> {
              // Locked: the IDLE loop and a sweep taking the same mail tell its sender once.
              var mail = mails.lockById(mailId).orElseThrow();
              if (mail.status() != InboundMail.Status.RECEIVED) {
                return Optional.<EmailAddress>empty();
              }
              triage(mail, null, TriageReason.TOO_LARGE);
              events.publishEvent(new MailSorted(MailSorted.Verdict.TRIAGE));
              return politeNoticeTo(mail);
            });
    sender.ifPresent(
        to -> {
          try {
            mailer.send(
                OutboundMail.notice(
                    to,
                    "mail-too-large",
                    Locale.forLanguageTag(japanese(mailSubject(mailId)) ? "ja" : "en"),
                    Map.of("maxMegabytes", maxSize.toMegabytes())));
          } catch (RuntimeException e) {
            log.warn("Could not tell the sender of mail {} that it was too large", mailId, e);
          }
        });
  }

  /** Whom to tell that their mail was too large: a person, never a machine (no mail loops). */
  private Optional<EmailAddress> politeNoticeTo(InboundMail mail) {
    try {
      var message = parse(mail.raw());
      var from = firstFrom(message);
      if (from.isEmpty() || MachineMail.reason(message, support, from.get()).isPresent()) {
        return Optional.empty();
      }
      return from;
    } catch (MessagingException unreadable) {
      return Optional.empty();
    }
  }

  private String mailSubject(long mailId) {
    return mails.summary(mailId).map(InboundMailRepository.Summary::getSubject).orElse("");
  }

  private static boolean japanese(String text) {
    return text != null && text.codePoints().anyMatch(c -> c >= 0x3040 && c <= 0x9FFF);
  }

  private void route(InboundMail mail, MimeMessage message) throws MessagingException, IOException {
    if (MailLimits.tooDeep(message)) {
      // Stored whole; what lies within the depth is read for the agent, nothing below it.
      mail.read(ReplyReader.read(message, Redaction::oneTimeLinks), null);
      triage(mail, null, TriageReason.TOO_DEEP);
      return;
    }
    var from = firstFrom(message);
    var recipients = recipients(message);

    var bounce = Bounces.detect(message, recipients, support);
    if (bounce.isPresent()) {
      bounced(mail, bounce.get());
      return;
    }
    var machine = MachineMail.reason(message, support, from.orElse(null));
    if (machine.isPresent()) {
      mail.ignored(machine.get());
      return;
    }
    // Read before any triage, so that the agent sees what the mail says whatever became of it.
    var reading = ReplyReader.read(message, Redaction::oneTimeLinks);
    var text = truncate(reading.text(), MAX_TEXT);
    if (from.isEmpty()) {
      mail.read(reading, null);
      triage(mail, null, TriageReason.NO_SENDER);
      return;
    }

    CaseId caseId = null;
    Reply.MatchedBy matchedBy = null;
    for (EmailAddress recipient : recipients) {
      var match = replyAddress.read(recipient);
      if (match instanceof ReplyAddress.Forged) {
        // A token that fails its signature is never rescued by the weaker fallbacks.
        log.warn("Mail {} carries a reply token with a bad signature", mail.id());
        mail.read(reading, null);
        triage(mail, null, TriageReason.FORGED_TOKEN);
        return;
      }
      if (match instanceof ReplyAddress.Signed signed && caseId == null) {
        caseId = signed.caseId();
        matchedBy = Reply.MatchedBy.TOKEN;
      }
    }
    if (caseId == null) {
      var thread = sent.findAny(threadIds(message));
      if (thread.isPresent() && thread.get().caseId() != null) {
        caseId = thread.get().caseId();
        matchedBy = Reply.MatchedBy.THREAD;
      }
    }
    if (caseId == null) {
      var tagged = CaseId.findTag(truncate(decodedSubject(message), 998));
      if (tagged.isPresent()) {
        // Anyone can write a From header: only a server the desk trusts can vouch for it.
        var verdict = senderAuthentication.of(message, from.get());
        if (!verdict.vouches()) {
          log.info(
              "Mail {} names {} by its subject tag only, and no trusted server vouches for its"
                  + " sender ({})",
              mail.id(),
              tagged.get(),
              verdict);
          mail.read(reading, null);
          triage(mail, tagged.get(), TriageReason.SUBJECT_TAG_UNAUTHENTICATED);
          return;
        }
        caseId = tagged.get();
        matchedBy = Reply.MatchedBy.SUBJECT;
      }
    }
    if (caseId == null) {
      mail.read(reading, null);
      var opened = Optional.<CaseId>empty();
      for (NewMailHandler handler : newMailHandlers) {
        opened = handler.open(new NewMail(mail.id(), from.get(), decodedSubject(message), text));
        if (opened.isPresent()) {
          break;
        }
      }
      if (opened.isPresent()) {
        mail.opened(opened.get().value());
      } else {
        triage(mail, null, TriageReason.NO_CASE);
      }
      return;
    }
    mail.read(reading, matchedBy.name());
    var reply =
        new Reply(
            mail.id(),
            mail.messageId(),
            caseId,
            from.get(),
            decodedSubject(message),
            matchedBy,
            text,
            truncate(reading.fullText(), 4 * MAX_TEXT),
            reading.answers());
    var outcome = replies.handle(reply);
    switch (outcome) {
      case TAKEN -> mail.delivered(caseId.value());
      case WRONG_SENDER -> triage(mail, caseId, TriageReason.WRONG_SENDER);
      case NOT_WAITING -> triage(mail, caseId, TriageReason.NOT_WAITING);
      case NOT_YET -> {
        if (mail.receivedAt().isAfter(clock.instant().minus(IN_FLIGHT))) {
          throw new TooEarly(mail.id());
        }
        triage(mail, caseId, TriageReason.NOT_WAITING);
      }
      case NOT_MINE -> triage(mail, caseId, TriageReason.UNKNOWN_CASE);
    }
  }

  private void bounced(InboundMail mail, Bounces.Bounce bounce) {
    Optional<SentMail.Sent> original = Optional.empty();
    if (bounce.bounceKey() != null) {
      original = sent.findByBounceKey(bounce.bounceKey());
    }
    if (original.isEmpty() && bounce.originalMessageId() != null) {
      original = sent.findAny(List.of(bounce.originalMessageId()));
    }
    if (original.isEmpty()) {
      triage(mail, null, TriageReason.BOUNCE_OF_UNKNOWN_MAIL);
      return;
    }
    var ours = original.get();
    sent.bounced(ours.messageId(), bounce.reason());
    mail.bounce(ours.caseId() == null ? null : ours.caseId().value(), bounce.reason());
    events.publishEvent(
        new MailBounced(
            mail.id(), ours.caseId(), ours.recipient(), ours.messageId(), bounce.permanent()));
  }

  private void triage(InboundMail mail, CaseId caseId, TriageReason reason) {
    mail.unmatched(caseId == null ? null : caseId.value(), reason.code());
    events.publishEvent(
        new MailNeedsTriage(mail.id(), caseId, mail.sender(), mail.subject(), reason));
  }

  /** A stored mail, parsed the way every step reads it. */
  static MimeMessage parse(byte[] raw) throws MessagingException {
    return new MimeMessage(PARSING, new SharedBytes(raw));
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

  /** The Message-IDs a reply points back to: In-Reply-To first, then References newest first. */
  private static List<String> threadIds(MimeMessage message) throws MessagingException {
    var ids = new LinkedHashSet<String>();
    for (String header : new String[] {"In-Reply-To", "References"}) {
      var value = message.getHeader(header, " ");
      if (value == null) {
        continue;
      }
      var found = new ArrayList<String>();
      var matcher = MESSAGE_IDS.matcher(MailLimits.cut(value, MailLimits.MAX_HEADER_CHARS));
      while (matcher.find()) {
        found.add(matcher.group());
      }
      java.util.Collections.reverse(found);
      ids.addAll(found);
    }
    return new ArrayList<>(ids).subList(0, Math.min(ids.size(), 50));
  }

  private static Optional<EmailAddress> firstFrom(MimeMessage message) throws MessagingException {
    Address[] from;
    try {
      from = message.getFrom();
    } catch (MessagingException malformed) {
      return Optional.empty();
    }
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

  private static String decodedSubject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException malformed) {
      return null;
    }
  }

  private static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max);
  }
}
