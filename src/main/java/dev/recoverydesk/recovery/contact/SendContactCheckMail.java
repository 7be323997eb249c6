package dev.recoverydesk.recovery.contact;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.CaseMail;
import dev.recoverydesk.mail.CaseMailer;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code send-contact-check}: asks the contact address to answer, proving that whoever opened the
 * case reads that mailbox.
 */
@Component("sendContactCheckMail")
class SendContactCheckMail implements JavaDelegate {

  private final CaseMailer mailer;

  SendContactCheckMail(CaseMailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var caseId = new CaseId(execution.getProcessBusinessKey());
    var to = new EmailAddress((String) execution.getVariable(ContactCheck.CONTACT_EMAIL));
    var language = (String) execution.getVariable(ContactCheck.LOCALE);
    var messageId =
        mailer.send(
            new CaseMail(
                caseId,
                to,
                "contact-check",
                Locale.forLanguageTag(language == null ? "en" : language),
                Map.of()));
    execution.setVariable(ContactCheck.SENT_MESSAGE_ID, messageId);
  }
}
