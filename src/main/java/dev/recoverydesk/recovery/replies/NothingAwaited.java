package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler.Outcome;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import org.springframework.stereotype.Component;

/**
 * A reply from the contact address while the case waits for no reply. An open case may not wait
 * yet: a quick answer can overtake the commit of the step that sent the mail it answers, so the
 * inbox offers it again shortly ({@link Outcome#NOT_YET}). A closed case will never wait: the reply
 * goes to triage, and the sender is told once that the case is closed.
 */
@Component
class NothingAwaited implements WaitReader {

  private final CaseRecords records;
  private final ClosedCaseNotices closedNotices;

  NothingAwaited(CaseRecords records, ClosedCaseNotices closedNotices) {
    this.records = records;
    this.closedNotices = closedNotices;
  }

  @Override
  public ExpectedSender sender() {
    return ExpectedSender.CONTACT;
  }

  @Override
  public Outcome read(RecoveryCase recoveryCase, Reply reply) {
    if (!recoveryCase.status().closed()) {
      return Outcome.NOT_YET;
    }
    records.event(
        recoveryCase.caseId(), CaseEventKind.REPLY_NOT_EXPECTED, "mail " + reply.mailId());
    closedNotices.answerOnce(recoveryCase);
    return Outcome.NOT_WAITING;
  }
}
