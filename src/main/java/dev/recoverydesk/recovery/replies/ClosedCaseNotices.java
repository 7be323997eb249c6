package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.process.CaseMail;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A reply to a closed case is answered once, so that a user is never left wondering. */
@Component
class ClosedCaseNotices {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ClosedCaseNotices.class);

  private final CaseRecords records;
  private final CaseMail mail;

  ClosedCaseNotices(CaseRecords records, CaseMail mail) {
    this.records = records;
    this.mail = mail;
  }

  void answerOnce(RecoveryCase recoveryCase) {
    if (records.toldClosed(recoveryCase.caseId())) {
      return;
    }
    try {
      mail.toContact(recoveryCase, "case-closed", Map.of("status", recoveryCase.status().name()));
      records.toldClosedNow(recoveryCase.caseId());
      records.event(
          recoveryCase.caseId(), CaseEventKind.CLOSED_NOTICE_SENT, recoveryCase.status().name());
    } catch (RuntimeException e) {
      // The reply itself is kept and goes to triage; the notice is a courtesy.
      log.warn("Could not send the closed-case notice for {}", recoveryCase.caseId(), e);
    }
  }
}
