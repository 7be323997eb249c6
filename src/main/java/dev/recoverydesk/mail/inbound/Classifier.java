package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyAddress;
import dev.recoverydesk.mail.TriageReason;
import dev.recoverydesk.mail.outbound.SentMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classify step: what a stored mail is, in this order, the first answer winning.
 *
 * <ol>
 *   <li>nested deeper than {@link MailLimits#MAX_DEPTH}: triage ({@code too-deep});
 *   <li>a bounce ({@link Bounces});
 *   <li>a machine's mail ({@link MachineMail});
 *   <li>no sender: triage ({@code no-sender});
 *   <li>which case: the signed reply address it was sent to (a forged one goes to triage, never to
 *       the weaker ways below), else {@code In-Reply-To}/{@code References} naming a mail we sent,
 *       else the {@code [RC-…]} subject tag, only if a trusted server vouches for the sender
 *       ({@link SenderAuthentication}; else triage);
 *   <li>none: a new request.
 * </ol>
 *
 * It only reads the mail and what the desk signed and sent; it changes nothing.
 */
final class Classifier {

  private static final Logger log = LoggerFactory.getLogger(Classifier.class);

  private final EmailAddress support;
  private final ReplyAddress replyAddress;
  private final SentMail sent;
  private final SenderAuthentication senderAuthentication;

  Classifier(
      EmailAddress support,
      ReplyAddress replyAddress,
      SentMail sent,
      SenderAuthentication senderAuthentication) {
    this.support = support;
    this.replyAddress = replyAddress;
    this.sent = sent;
    this.senderAuthentication = senderAuthentication;
  }

  Verdict classify(long mailId, MimeMessage message) throws MessagingException, IOException {
    if (MailLimits.tooDeep(message)) {
      return new Verdict.Triage(TriageReason.TOO_DEEP);
    }
    var from = MailHeaders.from(message);
    var recipients = MailHeaders.recipients(message);
    var bounce = Bounces.detect(message, recipients, support);
    if (bounce.isPresent()) {
      return new Verdict.Bounce(bounce.get());
    }
    var machine = MachineMail.reason(message, support, from.orElse(null));
    if (machine.isPresent()) {
      return new Verdict.Machine(machine.get());
    }
    if (from.isEmpty()) {
      return new Verdict.Triage(TriageReason.NO_SENDER);
    }
    var byAddress = byReplyAddress(mailId, recipients);
    if (byAddress != null) {
      return byAddress;
    }
    var thread = sent.findAny(MailHeaders.threadIds(message));
    if (thread.isPresent() && thread.get().caseId() != null) {
      return new Verdict.Matched(thread.get().caseId(), Reply.MatchedBy.THREAD);
    }
    var subject = MailHeaders.truncate(MailHeaders.subject(message), MailHeaders.MAX_STORED);
    var tagged = CaseId.findTag(subject);
    if (tagged.isPresent()) {
      return bySubjectTag(mailId, message, from.get(), tagged.get());
    }
    return new Verdict.NewRequest();
  }

  /** The first signed reply address it was sent to, null for none; a forged one means triage. */
  private Verdict byReplyAddress(long mailId, List<EmailAddress> recipients) {
    Verdict found = null;
    for (EmailAddress recipient : recipients) {
      var match = replyAddress.read(recipient);
      if (match instanceof ReplyAddress.Forged) {
        // A token that fails its signature is never rescued by the weaker fallbacks.
        log.warn("Mail {} carries a reply token with a bad signature", mailId);
        return new Verdict.Triage(TriageReason.FORGED_TOKEN);
      }
      if (match instanceof ReplyAddress.Signed signed && found == null) {
        found = new Verdict.Matched(signed.caseId(), Reply.MatchedBy.TOKEN);
      }
    }
    return found;
  }

  /** Anyone can write a From header: only a server the desk trusts can vouch for it. */
  private Verdict bySubjectTag(long mailId, MimeMessage message, EmailAddress from, CaseId tagged)
      throws MessagingException {
    var verdict = senderAuthentication.of(message, from);
    if (verdict.vouches()) {
      return new Verdict.Matched(tagged, Reply.MatchedBy.SUBJECT);
    }
    log.info(
        "Mail {} names {} by its subject tag only, and no trusted server vouches for its sender"
            + " ({})",
        mailId,
        tagged,
        verdict);
    return new Verdict.Triage(TriageReason.SUBJECT_TAG_UNAUTHENTICATED, tagged);
  }
}
