package dev.recoverydesk.recovery.triage;

import dev.recoverydesk.mail.InboundMails;
import dev.recoverydesk.mail.MailNeedsTriage;
import dev.recoverydesk.recovery.ReviewPolicy;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every mail no case could take becomes a {@code triage-mail} task for the support agents, in the
 * same transaction that records why: nothing is dropped silently. The task carries ids, the reason
 * and the mail's text as trimmed and redacted (one-time links removed), abbreviated: what the agent
 * must read to decide. History keeps it until the model's time to live; never the raw mail.
 */
@Component
class MailTriage {

  static final String PROCESS_KEY = "inbound-mail-triage";

  private final RuntimeService runtime;
  private final ReviewPolicy review;
  private final InboundMails inbox;

  MailTriage(RuntimeService runtime, ReviewPolicy review, InboundMails inbox) {
    this.runtime = runtime;
    this.review = review;
    this.inbox = inbox;
  }

  @EventListener
  void needsTriage(MailNeedsTriage mail) {
    var businessKey = mail.caseId() != null ? mail.caseId().value() : "MAIL-" + mail.mailId();
    runtime
        .createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(businessKey)
        .setVariable("mailId", mail.mailId())
        .setVariable("reason", mail.reason().code())
        .setVariable("reasonText", mail.reason().description())
        .setVariable("sender", mail.sender() == null ? "" : mail.sender())
        .setVariable("subject", mail.subject() == null ? "" : abbreviate(mail.subject()))
        .setVariable("caseId", mail.caseId() == null ? "" : mail.caseId().value())
        .setVariable("reviewSla", review.sla().toString())
        .setVariable(
            "mailText",
            inbox
                .find(mail.mailId())
                .map(stored -> stored.text() == null ? "" : abbreviate(stored.text(), 4000))
                .orElse(""))
        .execute();
  }

  private static String abbreviate(String text) {
    return abbreviate(text, 200);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
