package dev.recoverydesk.twofactor.backupcodes;

import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.twofactor.BackupCodePolicy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A username's failed checks and lockout, on its throttle row in the database. Every check of the
 * username runs under the row's lock, so two checks of one code can never both win, and the
 * counters hold across restarts and nodes.
 */
final class CodeThrottle {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate newTransaction;
  private final BackupCodePolicy policy;
  private final AuditLog audit;

  CodeThrottle(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      BackupCodePolicy policy,
      AuditLog audit) {
    this.jdbc = jdbc;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.policy = policy;
    this.audit = audit;
  }

  record Throttle(int failures, Instant firstFailureAt, Instant lockedUntil) {

    boolean lockedAt(Instant now) {
      return lockedUntil != null && now.isBefore(lockedUntil);
    }
  }

  /** Usernames that cannot exist are throttled too, under their lower-cased text. */
  static String key(String username) {
    return Usernames.canonical(username)
        .orElseGet(
            () -> {
              var text = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
              return text.length() > 100 ? text.substring(0, 100) : text;
            });
  }

  /** Creates the username's row on its first check, in a transaction of its own. */
  void ensureRow(String key) {
    var exists =
        jdbc.queryForObject(
            "select count(*) from backup_code_throttle where username = ?", Integer.class, key);
    if (exists != null && exists > 0) {
      return;
    }
    try {
      newTransaction.executeWithoutResult(
          status ->
              jdbc.update(
                  "insert into backup_code_throttle (username, failures) values (?, 0)", key));
    } catch (DuplicateKeyException raced) {
      // Another check created it a moment ago.
    }
  }

  /** Locks the username's row until the caller's transaction ends. */
  Throttle lock(String key) {
    return jdbc.queryForObject(
        "select failures, first_failure_at, locked_until from backup_code_throttle"
            + " where username = ? for update",
        (row, n) ->
            new Throttle(
                row.getInt("failures"),
                instant(row.getTimestamp("first_failure_at")),
                instant(row.getTimestamp("locked_until"))),
        key);
  }

  /** A code was accepted: the failures so far are forgotten. */
  void clear(String key) {
    jdbc.update(
        "update backup_code_throttle set failures = 0, first_failure_at = null,"
            + " locked_until = null where username = ?",
        key);
  }

  /** One more failure in the window; the last one allowed locks the account out. */
  void countFailure(String key, Throttle throttle, Instant now) {
    var windowStart = throttle.firstFailureAt();
    int failures = throttle.failures();
    if (windowStart == null || !now.isBefore(windowStart.plus(policy.window()))) {
      windowStart = now;
      failures = 0;
    }
    failures++;
    if (failures >= policy.maxFailures()) {
      var until = now.plus(policy.lockout());
      jdbc.update(
          "update backup_code_throttle set failures = 0, first_failure_at = null,"
              + " locked_until = ? where username = ?",
          Timestamp.from(until),
          key);
      audit.record(
          "BACKUP_CODE_LOCKOUT",
          "account:" + key,
          Map.of("failures", failures, "lockedUntil", until.toString()));
      return;
    }
    jdbc.update(
        "update backup_code_throttle set failures = ?, first_failure_at = ? where username = ?",
        failures,
        Timestamp.from(windowStart),
        key);
  }

  static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
