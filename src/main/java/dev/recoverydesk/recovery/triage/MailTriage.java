package dev.recoverydesk.recovery.triage;

import dev.recoverydesk.mail.MailNeedsTriage;
import dev.recoverydesk.recovery.ReviewPolicy;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every mail no case could take becomes a {@code triage-mail} task for the support agents, in the
 * same transaction that records why: nothing is dropped silently. The task carries ids and the
 * reason, not the mail's text (history keeps every variable); agents read the mail through the API.
 */
@Component
class MailTriage {

  static final String PROCESS_KEY = "inbound-mail-triage";

  private final RuntimeService runtime;
  private final ReviewPolicy review;

  MailTriage(RuntimeService runtime, ReviewPolicy review) {
    this.runtime = runtime;
    this.review = review;
  }

  @EventListener
  void needsTriage(MailNeedsTriage mail) {
    var businessKey = mail.caseId() != null ? mail.caseId().value() : "MAIL-" + mail.mailId();
    runtime
        .createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(businessKey)
        .setVariable("mailId", mail.mailId())
        .setVariable("reason", mail.reason())
        .setVariable("sender", mail.sender() == null ? "" : mail.sender())
        .setVariable("subject", mail.subject() == null ? "" : abbreviate(mail.subject()))
        .setVariable("caseId", mail.caseId() == null ? "" : mail.caseId().value())
        .setVariable("reviewSla", review.sla().toString())
        .execute();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }
}
