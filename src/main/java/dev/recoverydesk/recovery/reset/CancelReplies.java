package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * During the hold, a reply whose first word is {@code CANCEL} (or {@code キャンセル}) from any address
 * on file cancels the reset. Asked before the questionnaire's handler, which only takes the contact
 * address.
 */
@Component
@Order(0)
class CancelReplies implements ReplyHandler {

  private static final Pattern FIRST_WORD =
      Pattern.compile("^\\s*(cancel|キャンセル|取り消し|取消)(?![a-z])", Pattern.CASE_INSENSITIVE);

  private final CaseRecords records;
  private final HoldNotices holds;
  private final Cancellation cancellation;
  private final OneTimeLinks links;
  private final AuditLog audit;

  CancelReplies(
      CaseRecords records,
      HoldNotices holds,
      Cancellation cancellation,
      OneTimeLinks links,
      AuditLog audit) {
    this.records = records;
    this.holds = holds;
    this.cancellation = cancellation;
    this.links = links;
    this.audit = audit;
  }

  @Override
  public Outcome handle(Reply reply) {
    var found = records.find(reply.caseId());
    if (found.isEmpty() || !holds.inHold(found.get())) {
      return Outcome.NOT_MINE;
    }
    var text = Normalizer.normalize(reply.text() == null ? "" : reply.text(), Normalizer.Form.NFKC);
    if (!FIRST_WORD.matcher(text.toLowerCase(Locale.ROOT)).find()) {
      return Outcome.NOT_MINE;
    }
    if (!holds.addressesOnFile(found.get()).contains(reply.from())) {
      return Outcome.WRONG_SENDER;
    }
    if (!cancellation.cancel(found.get().caseId(), Cancellation.Reason.CANCEL_REPLY)) {
      return Outcome.NOT_WAITING;
    }
    links.voidAll(found.get().caseId(), OneTimeLinks.Purpose.CANCEL);
    audit.record("RESET_CANCELLED", "case:" + found.get().caseId(), Map.of("by", "CANCEL reply"));
    return Outcome.TAKEN;
  }
}
