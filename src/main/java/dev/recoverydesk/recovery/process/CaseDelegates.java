package dev.recoverydesk.recovery.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.audit.AuditSubject;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.ResetPolicy;
import dev.recoverydesk.recovery.ReviewPolicy;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.cases.CaseReviews;
import dev.recoverydesk.recovery.reset.Cancellation;
import dev.recoverydesk.recovery.reset.HoldNotices;
import dev.recoverydesk.system.DeskGroups;
import dev.recoverydesk.system.DeskProperties;
import dev.recoverydesk.verification.AnswerScorer;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The thin delegates of {@code account-recovery}, one bean per service task, named as the diagram
 * names them. Each reads the case, calls a domain service and sets a few primitive variables.
 */
@Configuration(proxyBeanMethods = false)
class CaseDelegates {

  /**
   * Who made the decision a job carries out (the job itself is the desk's, {@code system}): the
   * latest reviewer or approver on the case, or {@code unknown}.
   */
  static String decidedBy(CaseReviews reviews, CaseId caseId) {
    return reviews.decisions(caseId).stream()
        .findFirst()
        .map(CaseReviews.Decision::decidedBy)
        .orElse("unknown");
  }

  static CaseId caseId(DelegateExecution execution) {
    return new CaseId(execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate recordProblem(CaseRecords records) {
    return execution -> {
      var problem = Problem.valueOf((String) execution.getVariable("problem"));
      records.problem(caseId(execution), problem, CaseRecords.ProblemSource.CLASSIFIED);
    };
  }

  @Bean
  JavaDelegate expireCase(CaseRecords records, CaseMail mail, AuditLog audit) {
    return execution -> {
      var recoveryCase = mail.load(caseId(execution));
      records.status(recoveryCase.caseId(), CaseStatus.EXPIRED, "no answer in time");
      records.resolution(recoveryCase.caseId(), "No answer to the questionnaire in time");
      mail.toContact(recoveryCase, "case-expired", Map.of());
      audit.record("CASE_EXPIRED", AuditSubject.of(recoveryCase.caseId()), Map.of());
    };
  }

  @Bean
  JavaDelegate scoreAnswers(
      CaseRecords records,
      CaseReviews reviews,
      AccountDirectory accounts,
      CaseMail mail,
      ObjectMapper json,
      ReviewPolicy review,
      java.time.Clock clock,
      Evidence evidence,
      DecisionService decisions) {
    return execution -> {
      var recoveryCase = mail.load(caseId(execution));
      var account = accounts.find(recoveryCase.username());
      var answers = records.answers(recoveryCase.caseId());
      var score = AnswerScorer.score(account, answers);
      var found = evidence.of(recoveryCase, account);
      var routing =
          decisions
              .evaluateDecisionTableByKey(
                  "review-routing",
                  Variables.putValue("accountKnown", account.isPresent())
                      .putValue("score", score.total())
                      .putValue("proofs", found.proofs().size())
                      .putValue("riskSignals", found.signals().size()))
              .getSingleResult();
      // The desk's own record steers the review and feeds its forms; no variable does.
      reviews.assessed(
          recoveryCase.caseId(),
          new CaseReviews.Assessment(
              account.isPresent(),
              score,
              found.proofs(),
              found.signals(),
              routing.getEntry("recommendation"),
              Boolean.TRUE.equals(routing.getEntry("secondApproval"))));
      records.score(recoveryCase.caseId(), score.total());
      records.event(recoveryCase.caseId(), CaseEventKind.SCORED, json.writeValueAsString(score));
      records.event(recoveryCase.caseId(), CaseEventKind.EVIDENCE, json.writeValueAsString(found));
      execution.setVariable("reviewDue", Date.from(clock.instant().plus(review.sla())));
    };
  }

  @Bean
  JavaDelegate startResetHold(
      CaseRecords records,
      CaseReviews reviews,
      ResetPolicy reset,
      AuditLog audit,
      HoldNotices notices,
      CaseMail mail) {
    return execution -> {
      var caseId = caseId(execution);
      reviews.requireApprovedForReset(caseId);
      execution.setVariable("holdPeriod", reset.holdPeriod().toString());
      records.status(caseId, CaseStatus.RESET_PENDING, "hold " + reset.holdPeriod());
      audit.record(
          "RESET_APPROVED",
          AuditSubject.of(caseId),
          Map.of("hold", reset.holdPeriod().toString(), "decidedBy", decidedBy(reviews, caseId)));
      notices.send(mail.load(caseId));
    };
  }

  @Bean
  JavaDelegate cancelCase(
      CaseRecords records,
      CaseMail mail,
      AuditLog audit,
      HoldNotices notices,
      DeskProperties desk) {
    return execution -> {
      var recoveryCase = mail.load(caseId(execution));
      var why = String.valueOf(execution.getVariable("cancelReason"));
      records.status(recoveryCase.caseId(), CaseStatus.CANCELLED, why);
      records.resolution(recoveryCase.caseId(), "Cancelled: " + why);
      audit.record("CASE_CANCELLED", AuditSubject.of(recoveryCase.caseId()), Map.of("why", why));
      // A backup-code login ends the case without the owner asking: the mail says why, and what to
      // do if the code was not theirs to use.
      var byCode =
          Cancellation.Reason.BACKUP_CODE_LOGIN.name().equals(execution.getVariable("cancelledBy"));
      var template = byCode ? "case-cancelled-by-backup-code" : "case-cancelled";
      Map<String, Object> model =
          byCode
              ? Map.of(
                  "requestLink", desk.publicBaseUrl() + "/recovery?lang=" + recoveryCase.locale())
              : Map.of();
      for (var address : notices.addressesOnFile(recoveryCase)) {
        mail.to(recoveryCase, address, template, model);
      }
    };
  }

  @Bean
  JavaDelegate rejectCase(CaseRecords records, CaseReviews reviews, CaseMail mail, AuditLog audit) {
    return execution -> {
      var recoveryCase = mail.load(caseId(execution));
      var reason =
          rejectReason(
              reviews.decisions(recoveryCase.caseId()).stream()
                  .filter(decision -> "REJECT".equals(decision.decision()))
                  .findFirst()
                  .map(CaseReviews.Decision::reason)
                  .orElse(null));
      records.status(recoveryCase.caseId(), CaseStatus.REJECTED, reason);
      records.resolution(recoveryCase.caseId(), "Rejected: " + reason);
      mail.toContact(recoveryCase, "case-rejected", Map.of("reason", reason));
      audit.record(
          "CASE_REJECTED",
          AuditSubject.of(recoveryCase.caseId()),
          Map.of("reason", reason, "decidedBy", decidedBy(reviews, recoveryCase.caseId())));
    };
  }

  @Bean
  JavaDelegate escalateReview(
      CaseRecords records,
      TaskService tasks,
      IdentityService identity,
      Mailer mailer,
      AuditLog audit) {
    return execution -> {
      var key = execution.getProcessBusinessKey();
      var caseId = CaseId.parse(key);
      var overdue =
          tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list();
      for (var task : overdue) {
        tasks.addCandidateGroup(task.getId(), DeskGroups.SUPPORT_SUPERVISORS);
        tasks.setPriority(task.getId(), 90);
      }
      for (var supervisor :
          identity.createUserQuery().memberOfGroup(DeskGroups.SUPPORT_SUPERVISORS).list()) {
        EmailAddress.parse(supervisor.getEmail())
            .ifPresent(
                to ->
                    mailer.send(
                        OutboundMail.notice(
                            to, "review-overdue", Locale.ENGLISH, Map.of("caseId", key))));
      }
      var which = overdue.stream().map(t -> t.getTaskDefinitionKey()).toList();
      caseId.ifPresent(
          id ->
              records.event(
                  id,
                  CaseEventKind.TASK_ESCALATED,
                  String.join(", ", which) + " to support-supervisors"));
      audit.record(
          "TASK_ESCALATED",
          caseId.map(AuditSubject::of).orElse("mail:" + key),
          Map.of("tasks", which));
    };
  }

  static final Set<String> REJECT_REASONS =
      Set.of("ANSWERS_DID_NOT_MATCH", "NOT_ENOUGH_INFORMATION", "SECURITY_CONCERN");

  /** The category the user is told; anything else reads as answers that did not match. */
  static String rejectReason(Object given) {
    return given instanceof String value && REJECT_REASONS.contains(value)
        ? value
        : "ANSWERS_DID_NOT_MATCH";
  }
}
