package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler.Outcome;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * {@code lost-phone} and {@code lost-backup-codes} › {@code wait-for-outcome} (message {@code
 * self-service-reply}): "did it work?" answered by mail, from the contact address. Yes (はい, 解決)
 * ends the case as solved by the user; no, or anything unclear, hands it to support.
 */
@Component
class WaitForOutcome implements WaitReader {

  static final Set<String> PROCESSES = Set.of("lost-phone", "lost-backup-codes");
  static final String WAIT = "wait-for-outcome";
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

  WaitForOutcome(CaseRecords records, RuntimeService runtime) {
    this.records = records;
    this.runtime = runtime;
  }

  boolean serves(CaseWaits.Waits waits) {
    return PROCESSES.stream().anyMatch(process -> waits.at(process, WAIT));
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
  public ExpectedSender sender() {
    return ExpectedSender.CONTACT;
  }

  @Override
  public Outcome read(RecoveryCase recoveryCase, Reply reply) {
    return answered(recoveryCase, reply, false);
  }

  /** Moves the case on from its "did it work?", with whether the reply proved the phone. */
  Outcome answered(RecoveryCase recoveryCase, Reply reply, boolean smsConfirmed) {
    boolean solved = saysSolved(WaitReader.words(reply), smsConfirmed);
    records.event(
        recoveryCase.caseId(),
        smsConfirmed
            ? CaseEventKind.SMS_CODE_CONFIRMED
            : solved ? CaseEventKind.USER_SOLVED_IT : CaseEventKind.USER_STILL_LOCKED_OUT,
        "mail " + reply.mailId());
    runtime
        .createMessageCorrelation(MESSAGE)
        .processInstanceBusinessKey(recoveryCase.caseId().value())
        .setVariables(Map.of("solved", solved, "smsConfirmed", smsConfirmed))
        .correlateWithResult();
    return Outcome.TAKEN;
  }
}
