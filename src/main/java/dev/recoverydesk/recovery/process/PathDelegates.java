package dev.recoverydesk.recovery.process;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.audit.AuditSubject;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.SelfServicePolicy;
import dev.recoverydesk.recovery.SmsPolicy;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.twofactor.SmsGateway;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The self-service paths of the seeds: guidance by mail and "did it work?", or for SMS that never
 * arrives a fresh text after the wait. The account's facts (its masked number, its carrier's fix)
 * appear only in mail to the registered address: an address nobody has verified must not learn
 * anything about the account.
 */
@Configuration(proxyBeanMethods = false)
class PathDelegates {

  @Bean
  JavaDelegate choosePath(DecisionService decisions, SmsPolicy sms, SelfServicePolicy selfService) {
    return execution -> {
      var result =
          decisions
              .evaluateDecisionTableByKey(
                  "recovery-path", Variables.putValue("problem", execution.getVariable("problem")))
              .getSingleResult();
      execution.setVariable("path", result.getEntry("path"));
      execution.setVariable("smsWait", sms.waitBeforeResend().toString());
      execution.setVariable("selfServiceTimeout", selfService.outcomeTimeout().toString());
    };
  }

  /** Sets {@code options}: what the user can still try alone, comma-separated, maybe none. */
  @Bean
  JavaDelegate findOptions(CaseMail mail, SelfServiceOptions options, CaseRecords records) {
    return execution -> {
      var recoveryCase = mail.load(CaseDelegates.caseId(execution));
      var found = options.of((String) execution.getVariable("path"), recoveryCase);
      records.event(
          recoveryCase.caseId(),
          CaseEventKind.SELF_SERVICE_OPTIONS,
          found.isEmpty() ? "none: support verifies identity" : String.join(", ", found));
      execution.getProcessInstance().setVariable("options", String.join(",", found));
    };
  }

  @Bean
  JavaDelegate sendGuidance(CaseMail mail, AccountDirectory accounts) {
    return execution -> {
      var recoveryCase = mail.load(CaseDelegates.caseId(execution));
      var template = (String) execution.getVariable("guidance");
      var model = facts(recoveryCase, accounts, Optional.empty());
      model.put("options", options((String) execution.getVariable("options")));
      mail.toContact(recoveryCase, template, model);
    };
  }

  static List<String> options(String joined) {
    return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
  }

  @Bean
  JavaDelegate resendSms(
      CaseMail mail,
      AccountDirectory accounts,
      SmsChecks checks,
      SmsGateway gateway,
      SmsPolicy policy,
      DecisionService decisions,
      CaseRecords records,
      AuditLog audit,
      SelfServiceOptions options) {
    return execution -> {
      var recoveryCase = mail.load(CaseDelegates.caseId(execution));
      var account = accounts.find(recoveryCase.username());
      var phone = account.flatMap(Account::phoneNumber);
      if (phone.isPresent()) {
        var code = checks.create(recoveryCase.caseId(), policy.codeValidFor());
        gateway.send(phone.get(), "check-code", recoveryCase.language(), Map.of("code", code));
        records.event(recoveryCase.caseId(), CaseEventKind.SMS_CHECK_SENT, phone.get().masked());
        audit.record("SMS_CHECK_SENT", AuditSubject.of(recoveryCase.caseId()), Map.of());
      }
      var hint =
          account
              .map(
                  a ->
                      (String)
                          decisions
                              .evaluateDecisionTableByKey(
                                  "carrier-hint", Variables.putValue("carrier", a.carrier()))
                              .getSingleResult()
                              .getSingleEntry())
              .orElse("none");
      var model = facts(recoveryCase, accounts, Optional.of(hint));
      var found = options.of("sms-not-delivered", recoveryCase);
      records.event(
          recoveryCase.caseId(),
          CaseEventKind.SELF_SERVICE_OPTIONS,
          found.isEmpty() ? "none besides the check code" : String.join(", ", found));
      model.put("options", found);
      mail.toContact(recoveryCase, "sms-check", model);
    };
  }

  @Bean
  JavaDelegate closeSolved(CaseRecords records, AuditLog audit) {
    return execution -> {
      var caseId = CaseDelegates.caseId(execution);
      var how =
          Boolean.TRUE.equals(execution.getVariable("smsConfirmed"))
              ? "the phone receives texts again"
              : "the user got back in with the guidance";
      records.status(caseId, CaseStatus.RESOLVED, how);
      records.resolution(caseId, "Solved by the user: " + how);
      audit.record("CASE_SOLVED_BY_USER", AuditSubject.of(caseId), Map.of("how", how));
    };
  }

  /** Account facts for a guidance mail, only when it goes to the registered address. */
  private static Map<String, Object> facts(
      RecoveryCase recoveryCase, AccountDirectory accounts, Optional<String> carrierHint) {
    var model = new HashMap<String, Object>();
    var account = accounts.find(recoveryCase.username());
    boolean verifiedAddress =
        account.isPresent() && account.get().email().equals(recoveryCase.contactEmail());
    model.put(
        "maskedPhone",
        verifiedAddress ? account.get().phoneNumber().map(p -> p.masked()).orElse("") : "");
    model.put("carrierHint", verifiedAddress ? carrierHint.orElse("none") : "none");
    return model;
  }
}
