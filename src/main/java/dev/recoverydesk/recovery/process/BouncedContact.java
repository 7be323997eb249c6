package dev.recoverydesk.recovery.process;

import dev.recoverydesk.mail.MailBounced;
import dev.recoverydesk.mail.TriageReason;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A permanent bounce from a case's contact address: the case can no longer reach its user, so it is
 * suspended (its timers stop) and an agent gets a triage task to decide what next.
 */
@Component
class BouncedContact {

  private final CaseRecords records;
  private final RuntimeService runtime;
  private final ApplicationEventPublisher events;

  BouncedContact(CaseRecords records, RuntimeService runtime, ApplicationEventPublisher events) {
    this.records = records;
    this.runtime = runtime;
    this.events = events;
  }

  @EventListener
  void bounced(MailBounced bounce) {
    if (bounce.caseId() == null) {
      return;
    }
    var found = records.find(bounce.caseId());
    if (found.isEmpty() || !found.get().contactEmail().equals(bounce.recipient())) {
      return;
    }
    var recoveryCase = found.get();
    records.event(
        recoveryCase.caseId(),
        bounce.permanent() ? CaseEventKind.CONTACT_BOUNCED : CaseEventKind.CONTACT_SOFT_BOUNCE,
        bounce.messageId());
    if (!bounce.permanent() || recoveryCase.status().closed()) {
      return;
    }
    for (var instance :
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(recoveryCase.caseId().value())
            .active()
            .list()) {
      runtime.suspendProcessInstanceById(instance.getId());
    }
    records.event(
        recoveryCase.caseId(), CaseEventKind.CASE_SUSPENDED, "the contact address bounced");
    events.publishEvent(bounce.needsTriage(TriageReason.CONTACT_BOUNCED));
  }
}
