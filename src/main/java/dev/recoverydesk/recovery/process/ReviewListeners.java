package dev.recoverydesk.recovery.process;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rules of the two decisions, enforced in the engine so that neither Tasklist, REST nor a
 * forged form can skip them: a decision must be one the task allows, a decision needs a signed-in
 * user, and the second approval is refused to whoever made the first.
 */
@Configuration(proxyBeanMethods = false)
class ReviewListeners {

  static final String REVIEWER = "reviewer";

  @Bean
  TaskListener reviewListener(CaseRecords records, IdentityService identity, AuditLog audit) {
    return task -> {
      var caseId = new CaseId(task.getExecution().getProcessBusinessKey());
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        records.status(caseId, CaseStatus.IN_REVIEW, "review-identity open");
        return;
      }
      var decision = decision(task, Set.of("APPROVE", "REJECT", "MORE_INFO"));
      var user = decider(task, identity);
      task.getExecution().setVariable(REVIEWER, user);
      records.event(caseId, "REVIEW_" + decision, "by " + user);
      audit.record("IDENTITY_REVIEWED", "case:" + caseId, Map.of("decision", decision, "by", user));
    };
  }

  @Bean
  TaskListener approvalListener(CaseRecords records, IdentityService identity, AuditLog audit) {
    return task -> {
      var caseId = new CaseId(task.getExecution().getProcessBusinessKey());
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        records.status(caseId, CaseStatus.AWAITING_APPROVAL, "approve-reset open");
        return;
      }
      var decision = decision(task, Set.of("APPROVE", "REJECT"));
      var user = decider(task, identity);
      if (user.equals(task.getExecution().getVariable(REVIEWER))) {
        throw new ProcessEngineException(
            "Four-eyes: the second approval must come from someone other than the reviewer "
                + user);
      }
      records.event(caseId, "APPROVAL_" + decision, "by " + user);
      audit.record(
          "RESET_SECOND_APPROVAL", "case:" + caseId, Map.of("decision", decision, "by", user));
    };
  }

  @Bean
  TaskListener confirmProblemListener(CaseRecords records) {
    return task -> {
      var problem = task.getVariable("problem");
      if (!(problem instanceof String value)
          || java.util.Arrays.stream(dev.recoverydesk.recovery.Problem.values())
              .noneMatch(p -> p.name().equals(value))) {
        throw new ProcessEngineException(
            "The problem must be one of "
                + java.util.Arrays.toString(dev.recoverydesk.recovery.Problem.values()));
      }
      records.problem(
          new CaseId(task.getExecution().getProcessBusinessKey()),
          dev.recoverydesk.recovery.Problem.valueOf(value),
          "confirmed");
    };
  }

  private static String decision(DelegateTask task, Set<String> allowed) {
    var decision = task.getVariable("decision");
    if (!(decision instanceof String value) || !allowed.contains(value)) {
      throw new ProcessEngineException(
          "The decision must be one of " + allowed + ", not " + decision);
    }
    return value;
  }

  /** Whoever completes: the signed-in user (Tasklist, REST), else the task's assignee. */
  private static String decider(DelegateTask task, IdentityService identity) {
    var authentication = identity.getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    throw new ProcessEngineException("A decision needs a signed-in user or an assignee");
  }
}
