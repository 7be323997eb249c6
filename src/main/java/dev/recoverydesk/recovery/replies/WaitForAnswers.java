package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler.Outcome;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * {@code identity-verification} › {@code wait-for-answers} (message {@code questionnaire-reply}):
 * the answers to the questionnaire, from the contact address. The answers are kept on the case, not
 * in process variables: history keeps those forever.
 */
@Component
class WaitForAnswers implements WaitReader {

  static final String PROCESS = "identity-verification";
  static final String WAIT = "wait-for-answers";
  static final String MESSAGE = "questionnaire-reply";

  private final CaseRecords records;
  private final RuntimeService runtime;

  WaitForAnswers(CaseRecords records, RuntimeService runtime) {
    this.records = records;
    this.runtime = runtime;
  }

  boolean serves(CaseWaits.Waits waits) {
    return waits.at(PROCESS, WAIT);
  }

  @Override
  public ExpectedSender sender() {
    return ExpectedSender.CONTACT;
  }

  @Override
  public Outcome read(RecoveryCase recoveryCase, Reply reply) {
    var answers = reply.answers();
    records.answers(recoveryCase.caseId(), answers, reply.mailId());
    records.event(
        recoveryCase.caseId(),
        CaseEventKind.REPLY_RECEIVED,
        "mail "
            + reply.mailId()
            + ", "
            + answers.size()
            + " answer(s), matched by "
            + reply.matchedBy());
    runtime
        .createMessageCorrelation(MESSAGE)
        .processInstanceBusinessKey(recoveryCase.caseId().value())
        .correlateWithResult();
    return Outcome.TAKEN;
  }
}
