package dev.recoverydesk.recovery.contact;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The {@code contact-check} process: one mail out, one reply in from the same address. The smallest
 * end-to-end use of the engine, the templates, SMTP, IMAP and correlation.
 */
@Component
public class ContactCheck implements ReplyHandler {

  public static final String PROCESS_KEY = "contact-check";
  public static final String REPLY_MESSAGE = "contact-reply";
  static final String CONTACT_EMAIL = "contactEmail";
  static final String LOCALE = "locale";
  static final String SENT_MESSAGE_ID = "sentMessageId";
  static final String REPLY_MESSAGE_ID = "replyMessageId";

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

  /** Takes a reply only from the address the check was sent to, and only while it waits. */
  @Override
  public Outcome handle(Reply reply) {
    var runtime = engine.getRuntimeService();
    var instances =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESS_KEY)
            .processInstanceBusinessKey(reply.caseId().value())
            .list();
    if (instances.isEmpty()) {
      return Outcome.NOT_MINE;
    }
    var instance = instances.get(0);
    var expected = (String) runtime.getVariable(instance.getId(), CONTACT_EMAIL);
    if (!reply.from().value().equals(expected)) {
      return Outcome.WRONG_SENDER;
    }
    var correlated =
        runtime
            .createMessageCorrelation(REPLY_MESSAGE)
            .processInstanceId(instance.getId())
            .setVariable(REPLY_MESSAGE_ID, reply.messageId())
            .correlateAllWithResult();
    return correlated.isEmpty() ? Outcome.NOT_WAITING : Outcome.TAKEN;
  }
}
