package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler.Outcome;
import dev.recoverydesk.recovery.contact.ContactCheck;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * {@code contact-check} › {@code wait-for-reply} (message {@code contact-reply}): a contact check
 * is a process of its own, with no case record; it takes a reply only from the address it was sent
 * to, and only while it waits.
 */
@Component
class ContactWaitForReply {

  private final RuntimeService runtime;

  ContactWaitForReply(RuntimeService runtime) {
    this.runtime = runtime;
  }

  Outcome read(Reply reply, CaseWaits.Instance check) {
    var expected = (String) runtime.getVariable(check.id(), ContactCheck.CONTACT_EMAIL);
    if (!reply.from().value().equals(expected)) {
      return Outcome.WRONG_SENDER;
    }
    var correlated =
        runtime
            .createMessageCorrelation(ContactCheck.REPLY_MESSAGE)
            .processInstanceId(check.id())
            .setVariable(ContactCheck.REPLY_MESSAGE_ID, reply.messageId())
            .correlateAllWithResult();
    return correlated.isEmpty() ? Outcome.NOT_WAITING : Outcome.TAKEN;
  }
}
