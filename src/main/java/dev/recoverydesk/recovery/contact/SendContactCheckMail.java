package dev.recoverydesk.recovery.contact;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
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

  private final Mailer mailer;

  SendContactCheckMail(Mailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var caseId = new CaseId(execution.getProcessBusinessKey());
    var to = new EmailAddress((String) execution.getVariable(ContactCheck.CONTACT_EMAIL));
    var language = Language.of((String) execution.getVariable(ContactCheck.LOCALE));
    var messageId =
        mailer.send(
            OutboundMail.aboutCase(caseId, to, "contact-check", language.locale(), Map.of()));
    execution.setVariable(ContactCheck.SENT_MESSAGE_ID, messageId);
  }
}
