package dev.recoverydesk.recovery.process;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Mail to a case's contact address in the case's language, noted on its timeline. */
@Component
public class CaseMail {

  private final Mailer mailer;
  private final CaseRecords records;

  CaseMail(Mailer mailer, CaseRecords records) {
    this.mailer = mailer;
    this.records = records;
  }

  public void toContact(RecoveryCase recoveryCase, String template, Map<String, Object> model) {
    to(recoveryCase, recoveryCase.contactEmail(), template, model);
  }

  void to(
      RecoveryCase recoveryCase,
      dev.recoverydesk.common.EmailAddress address,
      String template,
      Map<String, Object> model) {
    var values = new HashMap<>(model);
    values.put("username", recoveryCase.username());
    mailer.send(
        OutboundMail.aboutCase(
            recoveryCase.caseId(), address, template, recoveryCase.language().locale(), values));
    records.event(recoveryCase.caseId(), CaseEventKind.MAIL_SENT, template);
  }

  RecoveryCase load(CaseId caseId) {
    return records.find(caseId).orElseThrow(() -> new IllegalStateException("No case " + caseId));
  }
}
