package dev.recoverydesk.recovery.process;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.mail.InboundMails;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.intake.CaseIntake;
import dev.recoverydesk.twofactor.BackupCodes;
import dev.recoverydesk.twofactor.CodeCheckFailure;
import dev.recoverydesk.twofactor.LoginCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What supports or weakens a case besides the answers. Independent proofs count separately from the
 * score (NIST SP 800-63B-4 wants two for agent-assisted recovery at AAL2); risk signals are what
 * support desks were fooled by before. A new phone number is never a proof (SIM swap).
 *
 * <p>Each is read from the record that holds it (the mail the case took, the SMS check, the proofs
 * seen at intake, the backup-code checks, the directory): never from the audit log, which is kept
 * for investigators, and never from a process variable.
 */
@Component
class Evidence {

  /** Proofs and signals by name, for the timeline, the routing table and the forms. */
  record Found(List<String> proofs, List<String> signals) {}

  private final CaseRecords records;
  private final InboundMails mail;
  private final BackupCodes backupCodes;
  private final LoginCodes loginCodes;
  private final AccountDirectory accounts;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  Evidence(
      CaseRecords records,
      InboundMails mail,
      BackupCodes backupCodes,
      LoginCodes loginCodes,
      AccountDirectory accounts,
      JdbcTemplate jdbc,
      Clock clock) {
    this.records = records;
    this.mail = mail;
    this.backupCodes = backupCodes;
    this.loginCodes = loginCodes;
    this.accounts = accounts;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Found of(RecoveryCase recoveryCase, Optional<Account> account) {
    var proofs = new ArrayList<String>();
    var signals = new ArrayList<String>();
    if (account.isEmpty()) {
      return new Found(proofs, signals);
    }
    var facts = account.get();
    var caseId = recoveryCase.caseId();
    var now = clock.instant();
    if (facts.email().equals(recoveryCase.contactEmail())
        && mail.signedReplyFrom(caseId, facts.email())) {
      proofs.add("controls the registered address");
    }
    if (smsConfirmed(recoveryCase)) {
      proofs.add("receives texts on the registered phone");
    }
    if (records.proofsSeen(caseId).contains(CaseIntake.KNOWN_DEVICE)) {
      proofs.add("asked from a device the account signed in on");
    }
    // Only the owner kept the codes of a set they replaced themselves; a set voided by a reset or
    // by an out-of-order use proves nothing. The check still refuses such a code, and says nothing.
    var week = now.minus(days(7));
    var refusals =
        backupCodes.refusals(
            facts.username(),
            recoveryCase.openedAt().isBefore(week) ? recoveryCase.openedAt() : week);
    if (refusals.stream()
        .anyMatch(
            refusal ->
                refusal.reason() == CodeCheckFailure.SUPERSEDED_SET
                    && !refusal.at().isBefore(recoveryCase.openedAt()))) {
      proofs.add("holds a backup code of an older set");
    }

    if (!facts.email().equals(recoveryCase.contactEmail())
        && !facts.previousEmails().contains(recoveryCase.contactEmail())) {
      signals.add("contact address not on the account");
    }
    long recentCases = records.openedSince(recoveryCase.username(), now.minus(days(30))).size();
    if (recentCases > 2) {
      signals.add(recentCases + " recovery requests in 30 days");
    }
    long failures =
        refusals.stream()
            .filter(refusal -> refusal.reason() != CodeCheckFailure.SUPERSEDED_SET)
            .filter(refusal -> refusal.at().isAfter(week))
            .count();
    if (failures >= 5) {
      signals.add(failures + " failed backup-code checks in 7 days");
    }
    var recently = now.minus(days(14));
    if (after(accounts.waysInChangedAt(facts.username()), recently)
        || after(loginCodes.enrolledAt(facts.username()), recently)) {
      signals.add("the account's facts or factors changed in the last 14 days");
    }
    return new Found(proofs, signals);
  }

  private static Duration days(int days) {
    return Duration.ofDays(days);
  }

  private static boolean after(Optional<Instant> moment, Instant since) {
    return moment.filter(at -> at.isAfter(since)).isPresent();
  }

  private boolean smsConfirmed(RecoveryCase recoveryCase) {
    var confirmed =
        jdbc.queryForObject(
            "select count(*) from sms_check where case_id = ? and confirmed_at is not null",
            Integer.class,
            recoveryCase.caseId().value());
    return confirmed != null && confirmed > 0;
  }
}
