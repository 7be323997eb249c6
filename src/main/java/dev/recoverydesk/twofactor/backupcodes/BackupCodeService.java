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
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backup codes on the desk's database. Every issue and check of one username runs under a row lock
 * on that username's throttle row, so two checks of the same code can never both win, and the
 * failure counters hold across restarts and nodes.
 */
@Service
class BackupCodeService implements BackupCodes {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final AccountDirectory accounts;
  private final BackupCodePolicy policy;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final CodeHasher hasher;
  private final CodeThrottle throttles;
  private final CodeSets sets;

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
    this.accounts = accounts;
    this.policy = policy;
    this.audit = audit;
    this.events = events;
    this.clock = clock;
    this.hasher = hasher;
    this.throttles = new CodeThrottle(jdbc, transactions, policy, audit);
    this.sets = new CodeSets(jdbc, policy);
  }

  @Override
  public List<String> issue(String username) {
    var account =
        accounts.contact(username).orElseThrow(() -> new NotFoundException("Account " + username));
    var key = account.username();
    var codes = generate();
    var hashes = codes.stream().map(hasher::hash).toList();
    throttles.ensureRow(key);
    return transaction.execute(
        status -> {
          throttles.lock(key);
          var now = clock.instant();
          sets.store(key, hashes, now);
          audit.record("BACKUP_CODES_ISSUED", subject(key), Map.of("count", codes.size()));
          events.publishEvent(new BackupCodesIssued(key, now, codes.size()));
          return codes;
        });
  }

  @Override
  public void voidAll(String username, String why) {
    var key = CodeThrottle.key(username);
    throttles.ensureRow(key);
    transaction.executeWithoutResult(
        status -> {
          throttles.lock(key);
          int voided = sets.voidActive(key, why, clock.instant());
          audit.record("BACKUP_CODES_VOIDED", subject(key), Map.of("why", why, "sets", voided));
        });
  }

  @Override
  public Check verify(String username, String typed) {
    var key = CodeThrottle.key(username);
    throttles.ensureRow(key);
    return transaction.execute(status -> checkLocked(key, typed));
  }

  @Override
  public Optional<SetStatus> status(String username) {
    return Usernames.canonical(username).flatMap(sets::newest);
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
    var throttle = throttles.lock(key);
    var now = clock.instant();
    // Everything a check reads and hashes comes before anything is decided, the same for a known
    // or unknown account, a code or a typo, one set or three, and a locked account: no refusal is
    // quicker than another (see CodeHasher#indexOfMatch).
    var account = accounts.contact(key);
    var code = CodeNormaliser.normalise(typed, policy);
    var candidates = sets.candidates(key);
    int matched =
        hasher.indexOfMatch(
            code, candidates.stream().map(CodeSets.StoredCode::hash).toList(), sets.hashingWork());
    if (throttle.lockedAt(now)) {
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
      result = sets.use(candidates, candidates.get(matched), now);
    }
    if (result instanceof Accepted accepted) {
      throttles.clear(key);
      audit.record("BACKUP_CODE_USED", subject(key), Map.of("remaining", accepted.remaining()));
      events.publishEvent(new BackupCodeAccepted(key, accepted.remaining()));
      return result;
    }
    var reason = ((Refused) result).reason();
    audit.record("BACKUP_CODE_REFUSED", subject(key), Map.of("reason", reason));
    recordRefusal(key, reason, now);
    events.publishEvent(new BackupCodeRefused(key, reason));
    throttles.countFailure(key, throttle, now);
    return result;
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

  private static String subject(String key) {
    return "account:" + key;
  }
}
