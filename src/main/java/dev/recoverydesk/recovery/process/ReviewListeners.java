package dev.recoverydesk.recovery.process;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.audit.AuditSubject;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.ReviewPolicy;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.cases.CaseReviews;
import dev.recoverydesk.system.DeskGroups;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rules of the two decisions, enforced in the engine so that neither Tasklist, REST nor a
 * forged form can skip them.
 *
 * <ul>
 *   <li>Each task's choice is its own: when the task is created its choice fields are emptied on
 *       the task and on its scope, so a completion that chooses nothing cannot inherit what an
 *       earlier task (or anyone's variables) chose.
 *   <li>Who decided is the signed-in user of the completing call, never a variable, the assignee or
 *       a delegation; the decision is kept on the case, where the gateways read it.
 *   <li>The second approval is refused to whoever completed the review, and to anyone not in {@code
 *       support-supervisors}.
 *   <li>What the forms show comes from the desk's records, set on the task itself when it is
 *       created: no earlier completion can rewrite the evidence the next person reads.
 *   <li>A request for more information says what to ask: its question ({@code moreInfoQuestion}, or
 *       the {@code decisionNote} of a completion through the API) is mailed to the user, and a
 *       MORE_INFO without one is refused. A rejection's reason is one of {@link
 *       CaseDelegates#REJECT_REASONS}, or none (then the user is told the answers did not match).
 *   <li>Every task falls due: one without a due date of its own gets the review's, so a queue
 *       sorted by due date lists none of them last by accident.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ReviewListeners {

  /** What a completion chooses: emptied when each task starts. */
  static final List<String> CHOICE =
      List.of("decision", "decisionNote", "rejectReason", "moreInfoQuestion");

  static final Set<String> REVIEW_DECISIONS = Set.of("APPROVE", "REJECT", "MORE_INFO");
  static final Set<String> APPROVAL_DECISIONS = Set.of("APPROVE", "REJECT");

  @Bean
  TaskListener reviewListener(
      CaseRecords records,
      CaseReviews reviews,
      ReviewForms forms,
      IdentityService identity,
      AuditLog audit,
      ReviewPolicy policy,
      Clock clock) {
    return task -> {
      var caseId = caseId(task);
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        emptyChoice(task);
        fallsDue(task, policy, clock);
        task.setVariablesLocal(forms.review(caseId));
        records.status(caseId, CaseStatus.IN_REVIEW, "review-identity open");
        return;
      }
      var user =
          signedIn(
              identity,
              DeskGroups.SUPPORT_AGENTS,
              DeskGroups.SUPPORT_SUPERVISORS,
              DeskGroups.ADMINS);
      var decision = choice(task, REVIEW_DECISIONS);
      reviews.decided(caseId, decisionOf(task, CaseReviews.REVIEW, user, decision, clock));
      records.event(caseId, CaseEventKind.review(decision), "by " + user);
      audit.record(
          "IDENTITY_REVIEWED", AuditSubject.of(caseId), Map.of("decision", decision, "by", user));
    };
  }

  @Bean
  TaskListener approvalListener(
      CaseRecords records,
      CaseReviews reviews,
      ReviewForms forms,
      IdentityService identity,
      AuditLog audit,
      ReviewPolicy policy,
      Clock clock) {
    return task -> {
      var caseId = caseId(task);
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        emptyChoice(task);
        fallsDue(task, policy, clock);
        task.setVariablesLocal(forms.approval(caseId));
        records.status(caseId, CaseStatus.AWAITING_APPROVAL, "approve-reset open");
        return;
      }
      var user = signedIn(identity, DeskGroups.SUPPORT_SUPERVISORS, DeskGroups.ADMINS);
      var reviewer =
          reviews.latest(caseId, CaseReviews.REVIEW).map(CaseReviews.Decision::decidedBy);
      if (reviewer.isEmpty() || reviewer.get().equals(user)) {
        audit.record(
            "FOUR_EYES_REFUSED", AuditSubject.of(caseId), Map.of("by", user, "task", task.getId()));
        throw new AuthorizationException(
            "Four-eyes: the second approval must come from someone other than the reviewer "
                + reviewer.orElse("(none)"));
      }
      var decision = choice(task, APPROVAL_DECISIONS);
      reviews.decided(caseId, decisionOf(task, CaseReviews.APPROVAL, user, decision, clock));
      records.event(caseId, CaseEventKind.approval(decision), "by " + user);
      audit.record(
          "RESET_SECOND_APPROVAL",
          AuditSubject.of(caseId),
          Map.of("decision", decision, "by", user));
    };
  }

  @Bean
  TaskListener confirmProblemListener(
      CaseRecords records, ReviewForms forms, CaseMail mail, ReviewPolicy policy, Clock clock) {
    return task -> {
      if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
        fallsDue(task, policy, clock);
        task.setVariablesLocal(forms.confirmProblem(caseId(task)));
        // Nothing else reaches the user until an agent has read the words: say so, the same
        // whether or not the username names an account.
        mail.toContact(mail.load(caseId(task)), "request-read-by-person", Map.of());
        return;
      }
      var problem = task.getVariable("problem");
      if (!(problem instanceof String value)
          || Arrays.stream(Problem.values()).noneMatch(p -> p.name().equals(value))) {
        throw new BadUserRequestException(
            "The problem must be one of " + Arrays.toString(Problem.values()));
      }
      records.problem(caseId(task), Problem.valueOf(value), CaseRecords.ProblemSource.CONFIRMED);
    };
  }

  /** A task without a due date of its own falls due one review period after it opens. */
  static void fallsDue(DelegateTask task, ReviewPolicy policy, Clock clock) {
    if (task.getDueDate() == null) {
      task.setDueDate(Date.from(clock.instant().plus(policy.sla())));
    }
  }

  private static CaseId caseId(DelegateTask task) {
    return new CaseId(task.getExecution().getProcessBusinessKey());
  }

  /**
   * Empties the choice on the task and on the execution it runs in. A completion's variables land
   * on that execution ({@code TaskService.complete}), a form's on the task ({@code submitForm}):
   * either way they fill these, and nothing chosen before the task existed is visible to it.
   */
  private static void emptyChoice(DelegateTask task) {
    for (var name : CHOICE) {
      task.setVariableLocal(name, null);
      task.getExecution().setVariableLocal(name, null);
    }
  }

  /**
   * What this task's completion chose: on the task (a submitted form) or on its execution (a
   * completion's variables), both emptied when the task was created.
   */
  private static Object chosen(DelegateTask task, String name) {
    var onTask = task.getVariableLocal(name);
    return onTask != null ? onTask : task.getExecution().getVariableLocal(name);
  }

  /** The decision this task's completion chose. */
  private static String choice(DelegateTask task, Set<String> allowed) {
    var decision = chosen(task, "decision");
    if (decision == null) {
      throw new BadUserRequestException(
          "Choose a decision in this task: one of "
              + allowed
              + " (the variable 'decision' of this completion)");
    }
    if (!(decision instanceof String value) || !allowed.contains(value)) {
      throw new BadUserRequestException(
          "The decision must be one of " + allowed + ", not " + decision);
    }
    return value;
  }

  private static CaseReviews.Decision decisionOf(
      DelegateTask task, String taskKey, String user, String decision, Clock clock) {
    var note = text(chosen(task, "decisionNote"));
    if ("MORE_INFO".equals(decision)) {
      var question = text(chosen(task, "moreInfoQuestion"));
      note = question != null ? question : note;
      if (note == null) {
        throw new BadUserRequestException(
            "With MORE_INFO, write the question we mail to the user (the variable"
                + " 'moreInfoQuestion', or 'decisionNote', of this completion)");
      }
    }
    var given = chosen(task, "rejectReason");
    if ("REJECT".equals(decision)
        && given != null
        && !(given instanceof String reason && CaseDelegates.REJECT_REASONS.contains(reason))) {
      throw new BadUserRequestException(
          "The reason of a rejection must be one of "
              + new java.util.TreeSet<>(CaseDelegates.REJECT_REASONS)
              + ", not "
              + given);
    }
    var reason = "REJECT".equals(decision) ? CaseDelegates.rejectReason(given) : null;
    return new CaseReviews.Decision(
        taskKey, task.getId(), user, decision, reason, note, clock.instant());
  }

  /** The signed-in user of the completing call, who must belong to one of the groups. */
  private static String signedIn(IdentityService identity, String... groups) {
    var authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new AuthorizationException("A decision needs a signed-in user");
    }
    var member = authentication.getGroupIds();
    if (member == null || Arrays.stream(groups).noneMatch(member::contains)) {
      throw new AuthorizationException(
          authentication.getUserId()
              + " may not decide this task: it needs a member of "
              + String.join(" or ", groups));
    }
    return authentication.getUserId();
  }

  private static String text(Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    return value.toString().strip();
  }
}
