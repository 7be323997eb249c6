package dev.recoverydesk.twofactor.backupcodes;

import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.system.NotFoundException;
import dev.recoverydesk.twofactor.BackupCodeAccepted;
import dev.recoverydesk.twofactor.BackupCodePolicy;
import dev.recoverydesk.twofactor.BackupCodeRefused;
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

  /** How many of an account's newest sets a typed code is looked for in (older ones are gone). */
  static final int SETS_CHECKED = 3;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final TransactionTemplate newTransaction;
  private final AccountDirectory accounts;
  private final BackupCodePolicy policy;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final CodeHasher hasher;

  BackupCodeService(
      JdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      AccountDirectory accounts,
      BackupCodePolicy policy,
      AuditLog audit,
      ApplicationEventPublisher events,
      Clock clock,
      CodeHasher hasher) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.accounts = accounts;
    this.policy = policy;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
    this.hasher = hasher;
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
    // Everything a check reads and hashes comes before anything is decided, the same for a known
    // or unknown account, a code or a typo, one set or three, and a locked account: no refusal is
    // quicker than another (see CodeHasher#indexOfMatch).
    var account = accounts.contact(key);
    var code = CodeNormaliser.normalise(typed, policy);
    var candidates = candidates(key);
    int matched =
        hasher.indexOfMatch(
            code, candidates.stream().map(StoredCode::hash).toList(), hashingWork());
    if (throttle.lockedUntil() != null && now.isBefore(throttle.lockedUntil())) {
      audit.record(
          "BACKUP_CODE_REFUSED", subject(key), Map.of("reason", CodeCheckFailure.LOCKED_OUT));
      recordRefusal(key, CodeCheckFailure.LOCKED_OUT, now);
      events.publishEvent(new BackupCodeRefused(key, CodeCheckFailure.LOCKED_OUT));
      return new LockedOut(Duration.between(now, throttle.lockedUntil()));
    }
    Check result;
    if (account.isEmpty()) {
      result = new Refused(CodeCheckFailure.NO_ACCOUNT);
    } else if (code.isEmpty()) {
      result = new Refused(CodeCheckFailure.TYPO_SHAPED);
    } else if (candidates.isEmpty()) {
      result = new Refused(CodeCheckFailure.NO_CODES);
    } else if (matched < 0) {
      result = new Refused(CodeCheckFailure.UNKNOWN);
    } else {
      result = use(candidates, candidates.get(matched), now);
    }
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
    events.publishEvent(new BackupCodeRefused(key, reason));
    countFailure(key, throttle, now);
    return result;
  }

  /** Uses the code that matched, if its set and its place in the set allow. */
  private Check use(List<StoredCode> candidates, StoredCode hit, Instant now) {
    if (!hit.setStatus().equals(ACTIVE)) {
      return new Refused(
          hit.setStatus().equals(VOIDED)
              ? CodeCheckFailure.VOIDED_SET
              : CodeCheckFailure.SUPERSEDED_SET);
    }
    if (hit.usedAt() != null) {
      return new Refused(CodeCheckFailure.ALREADY_USED);
    }
    // Only the newest set can be active, and it is never cut short (see candidates).
    var unused =
        candidates.stream().filter(c -> c.setId() == hit.setId() && c.usedAt() == null).toList();
    if (policy.orderedUse() && unused.get(0).position() != hit.position()) {
      // Seed 002: a code used out of order invalidates every code obtained so far.
      jdbc.update(
          "update backup_code_set set status = ?, ended_at = ?, ended_why = ? where id = ?",
          VOIDED,
          Timestamp.from(now),
          CodeCheckFailure.OUT_OF_ORDER.name(),
          hit.setId());
      return new Refused(CodeCheckFailure.OUT_OF_ORDER);
    }
    jdbc.update(
        "update backup_code set used_at = ? where set_id = ? and position = ?",
        Timestamp.from(now),
        hit.setId(),
        hit.position());
    return new Accepted(unused.size() - 1);
  }

  /**
   * The hashes every check computes: as many as the stored codes of the newest {@value
   * #SETS_CHECKED} sets can be, so that a wrong code costs the same against none, one or all of
   * them.
   */
  private int hashingWork() {
    return SETS_CHECKED * policy.count();
  }

  /**
   * The codes of the account's newest {@value #SETS_CHECKED} sets, newest set first, in one query.
   * Sets issued under a larger {@code count} are cut to the {@link #hashingWork()}, older sets
   * first; the newest set is always whole, so every code that can still be used is looked at.
   */
  private List<StoredCode> candidates(String key) {
    var codes =
        jdbc.query(
            "select s.id, s.status, c.position, c.hash, c.used_at"
                + " from backup_code_set s join backup_code c on c.set_id = s.id"
                + " where s.id in (select id from backup_code_set where username = ?"
                + " order by id desc fetch first "
                + SETS_CHECKED
                + " rows only)"
                + " order by s.id desc, c.position",
            (row, n) ->
                new StoredCode(
                    row.getLong("id"),
                    row.getString("status"),
                    row.getInt("position"),
                    row.getString("hash"),
                    instant(row.getTimestamp("used_at"))),
            key);
    if (codes.size() <= hashingWork()) {
      return codes;
    }
    long newest = codes.get(0).setId();
    int keep =
        Math.max(hashingWork(), (int) codes.stream().filter(c -> c.setId() == newest).count());
    return codes.subList(0, keep);
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

  private record StoredCode(
      long setId, String setStatus, int position, String hash, Instant usedAt) {}

  private record Throttle(int failures, Instant firstFailureAt, Instant lockedUntil) {}
}
