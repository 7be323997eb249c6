package dev.recoverydesk.recovery.process;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.recovery.cases.CaseRecords;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Replies to a case: only from its contact address, only while the case waits for answers. The
 * answers are kept on the case (not in process variables: history keeps those forever).
 */
@Component
@org.springframework.core.annotation.Order(2)
class QuestionnaireReplies implements ReplyHandler {

  static final String MESSAGE = "questionnaire-reply";

  private final CaseRecords records;
  private final RuntimeService runtime;
  private final ClosedCaseNotices closedNotices;

  QuestionnaireReplies(
      CaseRecords records, RuntimeService runtime, ClosedCaseNotices closedNotices) {
    this.records = records;
    this.runtime = runtime;
    this.closedNotices = closedNotices;
  }

  @Override
  public Outcome handle(Reply reply) {
    var found = records.find(reply.caseId());
    if (found.isEmpty()) {
      return Outcome.NOT_MINE;
    }
    var recoveryCase = found.get();
    if (!reply.from().equals(recoveryCase.contactEmail())) {
      records.event(recoveryCase.caseId(), "REPLY_FROM_OTHER_SENDER", "mail " + reply.mailId());
      return Outcome.WRONG_SENDER;
    }
    var waiting =
        runtime
            .createExecutionQuery()
            .processInstanceBusinessKey(recoveryCase.caseId().value())
            .messageEventSubscriptionName(MESSAGE)
            .list();
    if (waiting.isEmpty() && !recoveryCase.status().closed()) {
      // A quick answer can overtake the commit of the step that sent the questionnaire.
      return Outcome.NOT_YET;
    }
    if (waiting.isEmpty()) {
      records.event(recoveryCase.caseId(), "REPLY_NOT_EXPECTED", "mail " + reply.mailId());
      if (recoveryCase.status().closed()) {
        closedNotices.answerOnce(recoveryCase);
      }
      return Outcome.NOT_WAITING;
    }
    var answers = reply.answers();
    records.answers(recoveryCase.caseId(), answers, reply.mailId());
    records.event(
        recoveryCase.caseId(),
        "REPLY_RECEIVED",
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
