package dev.recoverydesk.recovery.process;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * "Did it work?" answered by mail: yes (はい, 解決) ends the case as solved by the user, no or anything
 * unclear hands it to support. On the SMS path, the texted code in the reply proves the phone
 * receives texts again, which solves it too.
 */
@Component
@Order(1)
class SelfServiceReplies implements ReplyHandler {

  static final String MESSAGE = "self-service-reply";
  // English words must end where the word ends: "Yesterday's text never came" is not a yes.
  private static final Pattern NO =
      Pattern.compile(
          "^\\s*((no|nope|not yet|still)(?![a-z])|いいえ|だめ|ダメ|まだ|できません)", Pattern.CASE_INSENSITIVE);
  private static final Pattern YES =
      Pattern.compile(
          "^\\s*((yes|yep|it worked|solved)(?![a-z])|はい|解決|できました|ログインできました)",
          Pattern.CASE_INSENSITIVE);

  private final CaseRecords records;
  private final RuntimeService runtime;
  private final SmsChecks smsChecks;

  SelfServiceReplies(CaseRecords records, RuntimeService runtime, SmsChecks smsChecks) {
    this.records = records;
    this.runtime = runtime;
    this.smsChecks = smsChecks;
  }

  /**
   * Whether a reply to the guidance or the SMS check says the user got back in. A plain no wins
   * over everything: "No, still locked out — the code 123456 did come" means the phone works (a
   * proof) but the problem is not solved. Anything unclear is not solved, so support takes over.
   */
  static boolean saysSolved(String text, boolean smsConfirmed) {
    var lower = text.toLowerCase(Locale.ROOT);
    return !NO.matcher(lower).find() && (smsConfirmed || YES.matcher(lower).find());
  }

  @Override
  public Outcome handle(Reply reply) {
    var found = records.find(reply.caseId());
    if (found.isEmpty()) {
      return Outcome.NOT_MINE;
    }
    var waiting =
        runtime
            .createExecutionQuery()
            .processInstanceBusinessKey(reply.caseId().value())
            .messageEventSubscriptionName(MESSAGE)
            .count();
    if (waiting == 0) {
      return Outcome.NOT_MINE;
    }
    var recoveryCase = found.get();
    if (!reply.from().equals(recoveryCase.contactEmail())) {
      records.event(recoveryCase.caseId(), "REPLY_FROM_OTHER_SENDER", "mail " + reply.mailId());
      return Outcome.WRONG_SENDER;
    }
    var text = Normalizer.normalize(reply.text() == null ? "" : reply.text(), Normalizer.Form.NFKC);
    var code = SmsChecks.codeIn(text);
    boolean smsConfirmed = code.isPresent() && smsChecks.confirm(recoveryCase.caseId(), code.get());
    boolean solved = saysSolved(text, smsConfirmed);
    records.event(
        recoveryCase.caseId(),
        smsConfirmed ? "SMS_CODE_CONFIRMED" : solved ? "USER_SOLVED_IT" : "USER_STILL_LOCKED_OUT",
        "mail " + reply.mailId());
    runtime
        .createMessageCorrelation(MESSAGE)
        .processInstanceBusinessKey(recoveryCase.caseId().value())
        .setVariables(Map.of("solved", solved, "smsConfirmed", smsConfirmed))
        .correlateWithResult();
    return Outcome.TAKEN;
  }
}
