package dev.recoverydesk.twofactor.backupcodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.twofactor.BackupCodePolicy;
import dev.recoverydesk.twofactor.BackupCodes.Accepted;
import dev.recoverydesk.twofactor.BackupCodes.Check;
import dev.recoverydesk.twofactor.BackupCodes.LockedOut;
import dev.recoverydesk.twofactor.BackupCodes.Refused;
import dev.recoverydesk.twofactor.CodeCheckFailure;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Whatever the reason a code is refused, the check computes the same number of hashes, so that how
 * long a refusal takes tells an attacker nothing: not whether the account exists, holds codes, or
 * held more sets, nor whether the typed text was shaped like a code. Counted, not timed.
 */
class RefusalHashingWorkTest extends IntegrationTest {

  @Autowired AccountDirectory accounts;
  @Autowired AuditLog audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ApplicationEventPublisher events;
  @Autowired MutableClock clock;
  @Autowired BackupCodePolicy policy;

  private final CountingEncoder encoder = new CountingEncoder();
  private BackupCodeService backupCodes;

  @BeforeEach
  void countingService() {
    backupCodes =
        new BackupCodeService(
            jdbc, transactions, accounts, policy, audit, events, clock, new CodeHasher(encoder));
  }

  @Test
  void every_kind_of_refusal_hashes_as_often_as_a_wrong_code_against_three_sets() {
    var work = new LinkedHashMap<String, Integer>();

    var oneSet = newAccount();
    var oneSetCodes = backupCodes.issue(oneSet);
    var threeSets = newAccount();
    backupCodes.issue(threeSets);
    backupCodes.issue(threeSets);
    var threeSetsCodes = backupCodes.issue(threeSets);
    var superseded = newAccount();
    var supersededCodes = backupCodes.issue(superseded);
    backupCodes.issue(superseded);
    var fourSets = newAccount();
    for (int i = 0; i < 4; i++) {
      backupCodes.issue(fourSets);
    }
    var wellFormedWrong = "0000" + "0000" + "0000";

    work.put(
        "unknown username",
        hashes(
            () -> backupCodes.verify("nobody_" + TestAccounts.suffix(), oneSetCodes.get(0)),
            new Refused(CodeCheckFailure.NO_ACCOUNT)));
    work.put(
        "a username no account can have",
        hashes(
            () -> backupCodes.verify("no such user!", wellFormedWrong),
            new Refused(CodeCheckFailure.NO_ACCOUNT)));
    work.put(
        "unknown username, malformed code",
        hashes(
            () -> backupCodes.verify("nobody_" + TestAccounts.suffix(), "abc"),
            new Refused(CodeCheckFailure.NO_ACCOUNT)));
    work.put(
        "too short",
        hashes(() -> backupCodes.verify(oneSet, "ABC"), new Refused(CodeCheckFailure.TYPO_SHAPED)));
    work.put(
        "wrong characters",
        hashes(
            () -> backupCodes.verify(oneSet, "!!!!????****"),
            new Refused(CodeCheckFailure.TYPO_SHAPED)));
    work.put(
        "far too long",
        hashes(
            () -> backupCodes.verify(oneSet, "A".repeat(500)),
            new Refused(CodeCheckFailure.TYPO_SHAPED)));
    work.put(
        "malformed against three sets",
        hashes(
            () -> backupCodes.verify(threeSets, "hello"),
            new Refused(CodeCheckFailure.TYPO_SHAPED)));
    work.put(
        "an account without codes",
        hashes(
            () -> backupCodes.verify(newAccount(), wellFormedWrong),
            new Refused(CodeCheckFailure.NO_CODES)));
    work.put(
        "wrong code, one set",
        hashes(
            () -> backupCodes.verify(oneSet, wellFormedWrong),
            new Refused(CodeCheckFailure.UNKNOWN)));
    work.put(
        "wrong code, three sets",
        hashes(
            () -> backupCodes.verify(threeSets, wellFormedWrong),
            new Refused(CodeCheckFailure.UNKNOWN)));
    work.put(
        "wrong code, four sets",
        hashes(
            () -> backupCodes.verify(fourSets, wellFormedWrong),
            new Refused(CodeCheckFailure.UNKNOWN)));
    work.put(
        "a code of a superseded set",
        hashes(
            () -> backupCodes.verify(superseded, supersededCodes.get(0)),
            new Refused(CodeCheckFailure.SUPERSEDED_SET)));

    var usedUp = newAccount();
    var usedUpCodes = backupCodes.issue(usedUp);
    backupCodes.verify(usedUp, usedUpCodes.get(0));
    work.put(
        "an already used code",
        hashes(
            () -> backupCodes.verify(usedUp, usedUpCodes.get(0)),
            new Refused(CodeCheckFailure.ALREADY_USED)));
    work.put(
        "the last code out of order",
        hashes(
            () -> backupCodes.verify(threeSets, threeSetsCodes.get(4)),
            new Refused(CodeCheckFailure.OUT_OF_ORDER)));
    work.put(
        "a code of the set voided by that",
        hashes(
            () -> backupCodes.verify(threeSets, threeSetsCodes.get(0)),
            new Refused(CodeCheckFailure.VOIDED_SET)));

    var locked = newAccount();
    var lockedCodes = backupCodes.issue(locked);
    for (int i = 0; i < policy.maxFailures(); i++) {
      backupCodes.verify(locked, wellFormedWrong);
    }
    work.put(
        "a locked account, right code",
        hashes(() -> backupCodes.verify(locked, lockedCodes.get(0)), LockedOut.class));
    work.put(
        "a locked account, malformed code",
        hashes(() -> backupCodes.verify(locked, "x"), LockedOut.class));
    var lockedNobody = "nobody_" + TestAccounts.suffix();
    for (int i = 0; i < policy.maxFailures(); i++) {
      backupCodes.verify(lockedNobody, wellFormedWrong);
    }
    work.put(
        "a locked unknown username",
        hashes(() -> backupCodes.verify(lockedNobody, wellFormedWrong), LockedOut.class));

    // A right code may cost what it likes; it costs the same here too.
    work.put(
        "a right code",
        hashes(() -> backupCodes.verify(oneSet, oneSetCodes.get(0)), Accepted.class));

    int mostAStoredSetCanAsk = CodeSets.SETS_CHECKED * policy.count();
    assertThat(work)
        .allSatisfy((kind, hashes) -> assertThat(hashes).as(kind).isEqualTo(mostAStoredSetCanAsk));
  }

  /** The hashes one check computes, once its outcome is the expected one. */
  private int hashes(Supplier<Check> check, Object expected) {
    int before = encoder.computed.get();
    var result = check.get();
    int spent = encoder.computed.get() - before;
    if (expected instanceof Class<?> kind) {
      assertThat(result).isInstanceOf(kind);
    } else {
      assertThat(result).isEqualTo(expected);
    }
    return spent;
  }

  private String newAccount() {
    return TestAccounts.create(accounts, "hashwork");
  }

  /** The production encoder, counting every hash it computes. */
  private static final class CountingEncoder implements PasswordEncoder {
    final AtomicInteger computed = new AtomicInteger();
    private final PasswordEncoder real =
        new Pbkdf2PasswordEncoder(
            "",
            16,
            CodeHasher.ITERATIONS,
            Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);

    @Override
    public String encode(CharSequence raw) {
      computed.incrementAndGet();
      return real.encode(raw);
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      computed.incrementAndGet();
      return real.matches(raw, encoded);
    }
  }
}
