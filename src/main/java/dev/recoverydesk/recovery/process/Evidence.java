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
import java.util.regex.Pattern;
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

  /**
   * A kind of proof or risk signal the desk looks for, named for the agents' forms in both
   * languages, so each form can list every kind as present or absent.
   *
   * @param name what the desk records when it finds it (a signal's count stands before it)
   */
  record Kind(boolean proof, String name, String en, String ja) {

    /** Whether this kind is among what the desk recorded for a case. */
    boolean in(List<String> recorded) {
      return recorded.stream().anyMatch(this::is);
    }

    /** The record of it, as found ({@code 4 recovery requests in 30 days}). */
    Optional<String> of(List<String> recorded) {
      return recorded.stream().filter(this::is).findFirst();
    }

    private boolean is(String recorded) {
      return recorded.equals(name) || recorded.matches("\\d+ " + Pattern.quote(name));
    }
  }

  static final Kind REGISTERED_ADDRESS =
      new Kind(
          true,
          "controls the registered address",
          "Controls the registered address (replied to our signed address)",
          "登録メールアドレスを使える（署名付きアドレスへの返信）");

  static final Kind REGISTERED_PHONE =
      new Kind(
          true,
          "receives texts on the registered phone",
          "Receives texts on the registered phone (typed the check code)",
          "登録電話番号でSMSを受け取れる（確認コードを入力）");

  static final Kind KNOWN_DEVICE =
      new Kind(
          true,
          "asked from a device the account signed in on",
          "Asked from a device the account signed in on",
          "アカウントがログインしていた端末からの申し込み");

  static final Kind OLD_CODE =
      new Kind(
          true,
          "holds a backup code of an older set",
          "Holds a backup code of an older set",
          "以前のセットのバックアップコードを持っている");

  static final Kind STRANGE_CONTACT =
      new Kind(
          false,
          "contact address not on the account",
          "Contact address not on the account",
          "連絡先メールアドレスがアカウントに登録されていない");

  static final Kind REPEATED_REQUESTS =
      new Kind(
          false,
          "recovery requests in 30 days",
          "More than two recovery requests in 30 days",
          "30日間に3件以上の復旧リクエスト");

  static final Kind FAILED_CODES =
      new Kind(
          false,
          "failed backup-code checks in 7 days",
          "Five or more failed backup-code checks in 7 days",
          "7日間に5回以上のバックアップコード確認失敗");

  static final Kind RECENT_CHANGE =
      new Kind(
          false,
          "the account's facts or factors changed in the last 14 days",
          "The account's facts or factors changed in the last 14 days",
          "14日以内にアカウントの情報または認証要素が変更された");

  /** Every kind, proofs first: the list each review form shows. */
  static final List<Kind> KINDS =
      List.of(
          REGISTERED_ADDRESS,
          REGISTERED_PHONE,
          KNOWN_DEVICE,
          OLD_CODE,
          STRANGE_CONTACT,
          REPEATED_REQUESTS,
          FAILED_CODES,
          RECENT_CHANGE);

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
      proofs.add(REGISTERED_ADDRESS.name());
    }
    if (smsConfirmed(recoveryCase)) {
      proofs.add(REGISTERED_PHONE.name());
    }
    if (records.proofsSeen(caseId).contains(CaseIntake.KNOWN_DEVICE)) {
      proofs.add(KNOWN_DEVICE.name());
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
      proofs.add(OLD_CODE.name());
    }

    if (!facts.email().equals(recoveryCase.contactEmail())
        && !facts.previousEmails().contains(recoveryCase.contactEmail())) {
      signals.add(STRANGE_CONTACT.name());
    }
    long recentCases = records.openedSince(recoveryCase.username(), now.minus(days(30))).size();
    if (recentCases > 2) {
      signals.add(recentCases + " " + REPEATED_REQUESTS.name());
    }
    long failures =
        refusals.stream()
            .filter(refusal -> refusal.reason() != CodeCheckFailure.SUPERSEDED_SET)
            .filter(refusal -> refusal.at().isAfter(week))
            .count();
    if (failures >= 5) {
      signals.add(failures + " " + FAILED_CODES.name());
    }
    var recently = now.minus(days(14));
    if (after(accounts.waysInChangedAt(facts.username()), recently)
        || after(loginCodes.enrolledAt(facts.username()), recently)) {
      signals.add(RECENT_CHANGE.name());
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
