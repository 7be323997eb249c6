package dev.recoverydesk.recovery.contact;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The {@code contact-check} process: one mail out, one reply in from the same address. The smallest
 * end-to-end use of the engine, the templates, SMTP, IMAP and correlation. Its reply is read by
 * {@code recovery.replies.ContactWaitForReply}.
 */
@Component
public class ContactCheck {

  public static final String PROCESS_KEY = "contact-check";
  public static final String REPLY_MESSAGE = "contact-reply";
  public static final String CONTACT_EMAIL = "contactEmail";
  static final String LOCALE = "locale";
  static final String SENT_MESSAGE_ID = "sentMessageId";
  public static final String REPLY_MESSAGE_ID = "replyMessageId";

  private final ProcessEngine engine;

  ContactCheck(ProcessEngine engine) {
    this.engine = engine;
  }

  public ProcessInstance start(CaseId caseId, EmailAddress contact, String language) {
    return engine
        .getRuntimeService()
        .createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(caseId.value())
        .setVariable(CONTACT_EMAIL, contact.value())
        .setVariable(LOCALE, language)
        .execute();
  }
}
