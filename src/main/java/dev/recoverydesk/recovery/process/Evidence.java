package dev.recoverydesk.recovery.process;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.audit.AuditEntry;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.intake.CaseIntake;
import dev.recoverydesk.twofactor.CodeCheckFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What supports or weakens a case besides the answers. Independent proofs count separately from the
 * score (NIST SP 800-63B-4 wants two for agent-assisted recovery at AAL2); risk signals are what
 * support desks were fooled by before. A new phone number is never a proof (SIM swap).
 */
@Component
class Evidence {

  /** Proofs and signals by name, for the timeline and the routing table. */
  record Found(List<String> proofs, List<String> signals) {}

  private final CaseRecords records;
  private final AuditLog audit;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  Evidence(CaseRecords records, AuditLog audit, JdbcTemplate jdbc, Clock clock) {
    this.records = records;
    this.audit = audit;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Found of(RecoveryCase recoveryCase, Optional<Account> account, boolean replySignedToken) {
    var proofs = new ArrayList<String>();
    var signals = new ArrayList<String>();
    if (account.isEmpty()) {
      return new Found(proofs, signals);
    }
    var facts = account.get();
    if (facts.email().equals(recoveryCase.contactEmail()) && replySignedToken) {
      proofs.add("controls the registered address");
    }
    if (smsConfirmed(recoveryCase)) {
      proofs.add("receives texts on the registered phone");
    }
    var history = audit.about("account:" + facts.username(), 200);
    var caseId = recoveryCase.caseId().value();
    if (history.stream()
        .anyMatch(
            e ->
                e.action().equals(CaseIntake.KNOWN_DEVICE)
                    && caseId.equals(e.details().get("caseId")))) {
      proofs.add("asked from a device the account signed in on");
    }
    if (!facts.email().equals(recoveryCase.contactEmail())
        && !facts.previousEmails().contains(recoveryCase.contactEmail())) {
      signals.add("contact address not on the account");
    }
    var now = clock.instant();
    long recentCases =
        records.openedSince(recoveryCase.username(), now.minus(Duration.ofDays(30))).size();
    if (recentCases > 2) {
      signals.add(recentCases + " recovery requests in 30 days");
    }
    // Only the owner kept the codes of a set they replaced themselves; a set voided by a reset or
    // by an out-of-order use proves nothing. The check still refuses such a code, and says nothing.
    boolean olderSet =
        history.stream()
            .filter(e -> !e.occurredAt().isBefore(recoveryCase.openedAt()))
            .anyMatch(e -> refusedBecause(e, CodeCheckFailure.SUPERSEDED_SET));
    if (olderSet) {
      proofs.add("holds a backup code of an older set");
    }
    long failures =
        history.stream()
            .filter(e -> e.action().equals("BACKUP_CODE_REFUSED"))
            .filter(e -> !refusedBecause(e, CodeCheckFailure.SUPERSEDED_SET))
            .filter(e -> e.occurredAt().isAfter(now.minus(Duration.ofDays(7))))
            .count();
    if (failures >= 5) {
      signals.add(failures + " failed backup-code checks in 7 days");
    }
    boolean recentChange =
        history.stream()
            .anyMatch(
                e ->
                    (e.action().equals("ACCOUNT_REPLACED")
                            || e.action().equals("LOGIN_CODE_ENROLLED"))
                        && e.occurredAt().isAfter(now.minus(Duration.ofDays(14))));
    if (recentChange) {
      signals.add("the account's facts or factors changed in the last 14 days");
    }
    return new Found(proofs, signals);
  }

  private static boolean refusedBecause(AuditEntry entry, CodeCheckFailure reason) {
    return entry.action().equals("BACKUP_CODE_REFUSED")
        && reason.name().equals(String.valueOf(entry.details().get("reason")));
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
