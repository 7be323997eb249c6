package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.audit.AuditSubject;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler.Outcome;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.reset.Cancellation;
import dev.recoverydesk.recovery.reset.HoldNotices;
import dev.recoverydesk.recovery.reset.OneTimeLinks;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * {@code account-recovery} › {@code case-cancel-requested} (the cancellation's start event) during
 * {@code two-factor-reset} › {@code reset-hold}: a reply whose first word is {@code CANCEL} (or
 * {@code キャンセル}), from any address on file, refuses the reset. The hold is the case's status
 * ({@link HoldNotices#inHold}), the only time a CANCEL counts; it is read before every other wait.
 */
@Component
class CaseCancelRequested implements WaitReader {

  private static final Pattern FIRST_WORD =
      Pattern.compile("^\\s*(cancel|キャンセル|取り消し|取消)(?![a-z])", Pattern.CASE_INSENSITIVE);

  private final HoldNotices holds;
  private final Cancellation cancellation;
  private final OneTimeLinks links;
  private final AuditLog audit;

  CaseCancelRequested(
      HoldNotices holds, Cancellation cancellation, OneTimeLinks links, AuditLog audit) {
    this.holds = holds;
    this.cancellation = cancellation;
    this.links = links;
    this.audit = audit;
  }

  /** Whether the reply asks to cancel a case in its hold. */
  boolean serves(RecoveryCase recoveryCase, Reply reply) {
    return holds.inHold(recoveryCase)
        && FIRST_WORD.matcher(WaitReader.words(reply).toLowerCase(Locale.ROOT)).find();
  }

  @Override
  public ExpectedSender sender() {
    return ExpectedSender.ADDRESS_ON_FILE;
  }

  @Override
  public Outcome read(RecoveryCase recoveryCase, Reply reply) {
    var caseId = recoveryCase.caseId();
    if (!cancellation.cancel(caseId, Cancellation.Reason.CANCEL_REPLY)) {
      return Outcome.NOT_WAITING;
    }
    links.voidAll(caseId, OneTimeLinks.Purpose.CANCEL);
    audit.record("RESET_CANCELLED", AuditSubject.of(caseId), Map.of("by", "CANCEL reply"));
    return Outcome.TAKEN;
  }
}
