package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.ResetPolicy;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.cases.CaseReviews;
import dev.recoverydesk.system.DeskProperties;
import dev.recoverydesk.twofactor.BackupCodes;
import dev.recoverydesk.twofactor.LoginCodes;
import dev.recoverydesk.twofactor.SmsGateway;
import java.util.LinkedHashSet;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code reset-second-factors}: after approval and the hold, the old factors are switched off,
 * every backup code is void, the contact address gets a one-time link to a new set (the codes
 * themselves are made only when the link is used, so they are never in a mail, a log or a
 * variable), and every address and the phone on file are told.
 */
@Component("resetSecondFactors")
class ResetSecondFactors implements JavaDelegate {

  private final CaseRecords records;
  private final CaseReviews reviews;
  private final AccountDirectory accounts;
  private final BackupCodes backupCodes;
  private final LoginCodes loginCodes;
  private final OneTimeLinks links;
  private final Mailer mailer;
  private final SmsGateway sms;
  private final AuditLog audit;
  private final ResetPolicy policy;
  private final DeskProperties desk;

  ResetSecondFactors(
      CaseRecords records,
      CaseReviews reviews,
      AccountDirectory accounts,
      BackupCodes backupCodes,
      LoginCodes loginCodes,
      OneTimeLinks links,
      Mailer mailer,
      SmsGateway sms,
      AuditLog audit,
      ResetPolicy policy,
      DeskProperties desk) {
    this.records = records;
    this.reviews = reviews;
    this.accounts = accounts;
    this.backupCodes = backupCodes;
    this.loginCodes = loginCodes;
    this.links = links;
    this.mailer = mailer;
    this.sms = sms;
    this.audit = audit;
    this.policy = policy;
    this.desk = desk;
  }

  @Override
  public void execute(DelegateExecution execution) {
    var caseId = new CaseId(execution.getProcessBusinessKey());
    reviews.requireApprovedForReset(caseId);
    var recoveryCase = records.find(caseId).orElseThrow();
    var account =
        accounts
            .find(recoveryCase.username())
            .orElseThrow(() -> new IllegalStateException("No account for approved case " + caseId));

    accounts.save(withoutFactors(account));
    backupCodes.voidAll(account.username(), "RESET " + caseId);
    loginCodes.remove(account.username());
    audit.record(
        "SECOND_FACTORS_RESET",
        "account:" + account.username(),
        Map.of("case", caseId.value(), "sessions", "revoke requested"));

    var token =
        links.create(caseId, account.username(), OneTimeLinks.Purpose.CODES, policy.linkValidFor());
    var language = recoveryCase.language();
    mailer.send(
        OutboundMail.aboutCase(
            caseId,
            recoveryCase.contactEmail(),
            "codes-ready",
            language.locale(),
            Map.of(
                "username", account.username(),
                "link", desk.publicBaseUrl() + "/recovery/codes/" + token,
                "validHours", policy.linkValidFor().toHours())));
    var notified = new LinkedHashSet<EmailAddress>();
    notified.add(account.email());
    notified.add(recoveryCase.contactEmail());
    for (EmailAddress address : notified) {
      mailer.send(
          OutboundMail.aboutCase(
              caseId,
              address,
              "reset-done",
              language.locale(),
              Map.of("username", account.username())));
    }
    account
        .phoneNumber()
        .ifPresent(
            phone ->
                sms.send(phone, "reset-done", language, Map.of("username", account.username())));
    records.status(caseId, CaseStatus.RESOLVED, "second factors reset, new codes offered");
    records.resolution(
        caseId, "Second factors reset; a one-time link to new backup codes was sent");
  }

  private static Account withoutFactors(Account account) {
    return account.withTwoFactor(new Account.TwoFactor(false, false, false));
  }
}
