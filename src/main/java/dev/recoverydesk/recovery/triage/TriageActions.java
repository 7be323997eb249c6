package dev.recoverydesk.recovery.triage;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.audit.AuditSubject;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.InboundMails;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.ReviewPolicy;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.intake.CaseIntake;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What an agent decides in {@code triage-mail}: attach the mail to a case, open a new case from it,
 * or set it aside with a reason. The listener refuses a decision that cannot be carried out, so the
 * task stays open instead of failing later.
 */
@Configuration(proxyBeanMethods = false)
class TriageActions {

  private static final Set<String> DECISIONS = Set.of("ATTACH", "OPEN_CASE", "DISCARD");

  @Bean
  TaskListener triageListener(CaseRecords records, ReviewPolicy policy, Clock clock) {
    return task -> {
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        // Due like a review, so that a queue sorted by due date does not list it first or last
        // only because it has none.
        task.setDueDate(Date.from(clock.instant().plus(policy.sla())));
        // A completion's variables land on the task's own execution: a mailId sent with it
        // stays there and ends with the task, so the steps after it act on the mail that came in.
        task.getExecution().setVariableLocal("mailId", task.getExecution().getVariable("mailId"));
        return;
      }
      var decision = task.getVariable("triageDecision");
      if (!(decision instanceof String value) || !DECISIONS.contains(value)) {
        throw new ProcessEngineException("The decision must be one of " + DECISIONS);
      }
      switch (value) {
        case "ATTACH" -> {
          var caseId = CaseId.parse(text(task.getVariable("attachToCase")));
          if (caseId.isEmpty() || records.find(caseId.get()).isEmpty()) {
            throw new ProcessEngineException("ATTACH needs the id of an existing case");
          }
        }
        case "OPEN_CASE" -> {
          if (dev.recoverydesk.account.Usernames.canonical(text(task.getVariable("username")))
              .isEmpty()) {
            throw new ProcessEngineException("OPEN_CASE needs a username");
          }
        }
        default -> {
          if (text(task.getVariable("triageNote")).isBlank()) {
            throw new ProcessEngineException("Setting a mail aside needs a note saying why");
          }
        }
      }
    };
  }

  @Bean
  JavaDelegate attachMail(InboundMails inbox, CaseRecords records, AuditLog audit) {
    return execution -> {
      var caseId = CaseId.parse(text(execution.getVariable("attachToCase"))).orElseThrow();
      var mailId = mailId(execution);
      inbox.attach(mailId, caseId, "triage");
      records.event(caseId, CaseEventKind.MAIL_ATTACHED, "mail " + mailId);
      audit.record("MAIL_ATTACHED", AuditSubject.of(caseId), Map.of("mail", mailId));
    };
  }

  @Bean
  JavaDelegate openCaseFromMail(InboundMails inbox, CaseIntake intake, CaseRecords records) {
    return execution -> {
      var mailId = mailId(execution);
      var mail = inbox.find(mailId).orElseThrow();
      var problem =
          Optional.ofNullable((String) execution.getVariable("problem"))
              .filter(p -> !p.isBlank())
              .map(Problem::valueOf);
      var opened =
          intake.openFromTriage(
              new CaseIntake.Request(
                  text(execution.getVariable("username")),
                  new EmailAddress(mail.sender()),
                  problem,
                  mail.text(),
                  Optional.empty(),
                  "MAIL"));
      inbox.attach(mailId, opened.caseId(), "triage: new case");
      records.event(opened.caseId(), CaseEventKind.MAIL_ATTACHED, "mail " + mailId);
      execution.setVariable("openedCase", opened.caseId().value());
    };
  }

  @Bean
  JavaDelegate discardMail(InboundMails inbox, AuditLog audit) {
    return execution -> {
      var mailId = mailId(execution);
      var note = text(execution.getVariable("triageNote"));
      inbox.discard(mailId, note);
      audit.record("MAIL_DISCARDED", "mail:" + mailId, Map.of("why", note));
    };
  }

  private static long mailId(DelegateExecution execution) {
    return ((Number) execution.getVariable("mailId")).longValue();
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }
}
