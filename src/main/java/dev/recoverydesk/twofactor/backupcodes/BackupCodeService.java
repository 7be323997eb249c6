package dev.recoverydesk.twofactor.backupcodes;

import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.system.NotFoundException;
import dev.recoverydesk.twofactor.BackupCodeAccepted;
import dev.recoverydesk.twofactor.BackupCodePolicy;
import dev.recoverydesk.twofactor.BackupCodes;
import dev.recoverydesk.twofactor.BackupCodesIssued;
import dev.recoverydesk.twofactor.CodeCheckFailure;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backup codes on the desk's database. Every issue and check of one username runs under a row lock
 * on that username's throttle row, so two checks of the same code can never both win, and the
 * failure counters hold across restarts and nodes.
 */
@Service
class BackupCodeService implements BackupCodes {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ACTIVE = "ACTIVE";
  private static final String SUPERSEDED = "SUPERSEDED";
  private static final String VOIDED = "VOIDED";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final TransactionTemplate newTransaction;
  private final AccountDirectory accounts;
  private final BackupCodePolicy policy;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final CodeHasher hasher = new CodeHasher();

  BackupCodeService(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      AccountDirectory accounts,
      BackupCodePolicy policy,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.accounts = accounts;
    this.policy = policy;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<String> issue(String username) {
    var account =
        accounts.contact(username).orElseThrow(() -> new NotFoundException("Account " + username));
    var key = account.username();
    var codes = generate();
    var hashes = codes.stream().map(hasher::hash).toList();
    ensureThrottleRow(key);
    return transaction.execute(
        status -> {
          lockThrottleRow(key);
          var now = clock.instant();
          jdbc.update(
              "update backup_code_set set status = ?, ended_at = ?, ended_why = ?"
                  + " where username = ? and status = ?",
              SUPERSEDED,
              Timestamp.from(now),
              "NEW_SET",
              key,
              ACTIVE);
          jdbc.update(
              "insert into backup_code_set (username, issued_at, status) values (?, ?, ?)",
              key,
              Timestamp.from(now),
              ACTIVE);
          long setId =
              jdbc.queryForObject(
                  "select max(id) from backup_code_set where username = ? and status = ?",
                  Long.class,
                  key,
                  ACTIVE);
          for (int position = 0; position < hashes.size(); position++) {
            jdbc.update(
                "insert into backup_code (set_id, position, hash) values (?, ?, ?)",
                setId,
                position,
                hashes.get(position));
          }
          audit.record("BACKUP_CODES_ISSUED", subject(key), Map.of("count", codes.size()));
          events.publishEvent(new BackupCodesIssued(key, now, codes.size()));
          return codes;
        });
  }

  @Override
  public void voidAll(String username, String why) {
    var key = throttleKey(username);
    ensureThrottleRow(key);
    transaction.executeWithoutResult(
        status -> {
          lockThrottleRow(key);
          int voided =
              jdbc.update(
                  "update backup_code_set set status = ?, ended_at = ?, ended_why = ?"
                      + " where username = ? and status = ?",
                  VOIDED,
                  Timestamp.from(clock.instant()),
                  why,
                  key,
                  ACTIVE);
          audit.record("BACKUP_CODES_VOIDED", subject(key), Map.of("why", why, "sets", voided));
        });
  }

  @Override
  public Check verify(String username, String typed) {
    var key = throttleKey(username);
    ensureThrottleRow(key);
    return transaction.execute(status -> checkLocked(key, typed));
  }

  @Override
  public Optional<SetStatus> status(String username) {
    return Usernames.canonical(username)
        .flatMap(
            key ->
                jdbc
                    .query(
                        "select s.issued_at, s.status, count(c.position) as total,"
                            + " sum(case when c.used_at is null then 1 else 0 end) as unused"
                            + " from backup_code_set s join backup_code c on c.set_id = s.id"
                            + " where s.username = ? group by s.id, s.issued_at, s.status"
                            + " order by s.id desc fetch first 1 rows only",
                        (row, n) ->
                            new SetStatus(
                                row.getTimestamp("issued_at").toInstant(),
                                row.getString("status"),
                                row.getInt("total"),
                                row.getString("status").equals(ACTIVE) ? row.getInt("unused") : 0),
                        key)
                    .stream()
                    .findFirst());
  }

  @Override
  public List<Refusal> refusals(String username, Instant since) {
    return Usernames.canonical(username)
        .map(
            key ->
                jdbc.query(
                    "select reason, refused_at from backup_code_refusal"
                        + " where username = ? and refused_at >= ? order by id",
                    (row, n) ->
                        new Refusal(
                            CodeCheckFailure.valueOf(row.getString("reason")),
                            row.getTimestamp("refused_at").toInstant()),
                    key,
                    Timestamp.from(since)))
        .orElse(List.of());
  }

  /** Kept for agents (proofs, risk signals); the audit log says the same for investigators. */
  private void recordRefusal(String key, CodeCheckFailure reason, Instant at) {
    jdbc.update(
        "insert into backup_code_refusal (username, reason, refused_at) values (?, ?, ?)",
        key,
        reason.name(),
        Timestamp.from(at));
  }

  private Check checkLocked(String key, String typed) {
    var throttle = lockThrottleRow(key);
    var now = clock.instant();
    if (throttle.lockedUntil() != null && now.isBefore(throttle.lockedUntil())) {
      audit.record(
          "BACKUP_CODE_REFUSED", subject(key), Map.of("reason", CodeCheckFailure.LOCKED_OUT));
      recordRefusal(key, CodeCheckFailure.LOCKED_OUT, now);
      return new LockedOut(Duration.between(now, throttle.lockedUntil()));
    }
    var result = check(key, typed, now);
    if (result instanceof Accepted accepted) {
      jdbc.update(
          "update backup_code_throttle set failures = 0, first_failure_at = null,"
              + " locked_until = null where username = ?",
          key);
      audit.record("BACKUP_CODE_USED", subject(key), Map.of("remaining", accepted.remaining()));
      events.publishEvent(new BackupCodeAccepted(key, accepted.remaining()));
      return result;
    }
    var reason = ((Refused) result).reason();
    audit.record("BACKUP_CODE_REFUSED", subject(key), Map.of("reason", reason));
    recordRefusal(key, reason, now);
    countFailure(key, throttle, now);
    return result;
  }

  private Check check(String key, String typed, Instant now) {
    var account = accounts.contact(key);
    var code = CodeNormaliser.normalise(typed, policy);
    if (account.isEmpty()) {
      hasher.decoyWork(code.orElse("-"), policy.count());
      return new Refused(CodeCheckFailure.NO_ACCOUNT);
    }
    if (code.isEmpty()) {
      return new Refused(CodeCheckFailure.TYPO_SHAPED);
    }
    var sets =
        jdbc.query(
            "select id, status from backup_code_set where username = ?"
                + " order by id desc fetch first 3 rows only",
            (row, n) -> new StoredSet(row.getLong("id"), row.getString("status")),
            key);
    if (sets.isEmpty()) {
      hasher.decoyWork(code.get(), policy.count());
      return new Refused(CodeCheckFailure.NO_CODES);
    }
    for (StoredSet set : sets) {
      var codes = codesOf(set.id());
      int matched = indexOfMatch(codes, code.get());
      if (matched < 0) {
        continue;
      }
      if (!set.status().equals(ACTIVE)) {
        return new Refused(
            set.status().equals(VOIDED)
                ? CodeCheckFailure.VOIDED_SET
                : CodeCheckFailure.SUPERSEDED_SET);
      }
      var hit = codes.get(matched);
      if (hit.usedAt() != null) {
        return new Refused(CodeCheckFailure.ALREADY_USED);
      }
      var firstUnused = codes.stream().filter(c -> c.usedAt() == null).findFirst().orElseThrow();
      if (policy.orderedUse() && firstUnused.position() != hit.position()) {
        // Seed 002: a code used out of order invalidates every code obtained so far.
        jdbc.update(
            "update backup_code_set set status = ?, ended_at = ?, ended_why = ? where id = ?",
            VOIDED,
            Timestamp.from(now),
            CodeCheckFailure.OUT_OF_ORDER.name(),
            set.id());
        return new Refused(CodeCheckFailure.OUT_OF_ORDER);
      }
      jdbc.update(
          "update backup_code set used_at = ? where set_id = ? and position = ?",
          Timestamp.from(now),
          set.id(),
          hit.position());
      int remaining = (int) codes.stream().filter(c -> c.usedAt() == null).count() - 1;
      return new Accepted(remaining);
    }
    return new Refused(CodeCheckFailure.UNKNOWN);
  }

  private int indexOfMatch(List<StoredCode> codes, String code) {
    for (int i = 0; i < codes.size(); i++) {
      if (hasher.matches(code, codes.get(i).hash())) {
        return i;
      }
    }
    return -1;
  }

  private void countFailure(String key, Throttle throttle, Instant now) {
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
          subject(key),
          Map.of("failures", failures, "lockedUntil", until.toString()));
      return;
    }
    jdbc.update(
        "update backup_code_throttle set failures = ?, first_failure_at = ? where username = ?",
        failures,
        Timestamp.from(windowStart),
        key);
  }

  private List<StoredCode> codesOf(long setId) {
    return jdbc.query(
        "select position, hash, used_at from backup_code where set_id = ? order by position",
        (row, n) ->
            new StoredCode(
                row.getInt("position"),
                row.getString("hash"),
                row.getTimestamp("used_at") == null
                    ? null
                    : row.getTimestamp("used_at").toInstant()),
        setId);
  }

  private List<String> generate() {
    var codes = new LinkedHashSet<String>();
    var alphabet = policy.alphabet();
    while (codes.size() < policy.count()) {
      var code = new StringBuilder(policy.length());
      for (int i = 0; i < policy.length(); i++) {
        code.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
      }
      codes.add(code.toString());
    }
    return new ArrayList<>(codes);
  }

  /** Usernames that cannot exist are throttled too, under their lower-cased text. */
  private static String throttleKey(String username) {
    return Usernames.canonical(username)
        .orElseGet(
            () -> {
              var text = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
              return text.length() > 100 ? text.substring(0, 100) : text;
            });
  }

  private void ensureThrottleRow(String key) {
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

  private Throttle lockThrottleRow(String key) {
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

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static String subject(String key) {
    return "account:" + key;
  }

  private record StoredSet(long id, String status) {}

  private record StoredCode(int position, String hash, Instant usedAt) {}

  private record Throttle(int failures, Instant firstFailureAt, Instant lockedUntil) {}
}
