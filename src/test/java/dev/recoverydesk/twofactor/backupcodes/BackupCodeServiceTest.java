package dev.recoverydesk.twofactor.backupcodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.twofactor.BackupCodeAccepted;
import dev.recoverydesk.twofactor.BackupCodePolicy;
import dev.recoverydesk.twofactor.BackupCodes;
import dev.recoverydesk.twofactor.BackupCodes.Accepted;
import dev.recoverydesk.twofactor.BackupCodes.LockedOut;
import dev.recoverydesk.twofactor.BackupCodes.Refused;
import dev.recoverydesk.twofactor.CodeCheckFailure;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;

/** The seeds' backup-code rules, on the real database. */
@RecordApplicationEvents
class BackupCodeServiceTest extends IntegrationTest {

  @Autowired BackupCodes backupCodes;
  @Autowired AccountDirectory accounts;
  @Autowired AuditLog audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ApplicationEventPublisher events;
  @Autowired MutableClock clock;
  @Autowired BackupCodePolicy policy;
  @Autowired ApplicationEvents published;
  @Autowired CodeHasher hasher;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void a_set_is_five_distinct_twelve_character_codes_without_look_alikes() {
    var codes = backupCodes.issue(newAccount());

    assertThat(codes).hasSize(5).doesNotHaveDuplicates();
    assertThat(codes).allSatisfy(code -> assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{12}"));
  }

  @Test
  void each_code_works_once() {
    var user = newAccount();
    var codes = backupCodes.issue(user);

    assertThat(backupCodes.verify(user, codes.get(0))).isEqualTo(new Accepted(4));
    assertThat(backupCodes.verify(user, codes.get(0)))
        .isEqualTo(new Refused(CodeCheckFailure.ALREADY_USED));
    assertThat(backupCodes.verify(user, codes.get(1))).isEqualTo(new Accepted(3));
  }

  @Test
  void codes_used_in_issue_order_all_work_until_none_is_left() {
    var user = newAccount();
    var codes = backupCodes.issue(user);

    for (int i = 0; i < codes.size(); i++) {
      assertThat(backupCodes.verify(user, codes.get(i))).isEqualTo(new Accepted(4 - i));
    }
    assertThat(backupCodes.status(user))
        .hasValueSatisfying(status -> assertThat(status.remaining()).isZero());
  }

  @Test
  void a_code_used_out_of_order_voids_every_code_obtained_so_far() {
    var user = newAccount();
    var codes = backupCodes.issue(user);

    assertThat(backupCodes.verify(user, codes.get(2)))
        .isEqualTo(new Refused(CodeCheckFailure.OUT_OF_ORDER));
    assertThat(backupCodes.verify(user, codes.get(0)))
        .isEqualTo(new Refused(CodeCheckFailure.VOIDED_SET));
    assertThat(backupCodes.status(user))
        .hasValueSatisfying(
            status -> {
              assertThat(status.status()).isEqualTo("VOIDED");
              assertThat(status.remaining()).isZero();
            });
  }

  @Test
  void a_new_set_voids_every_older_code() {
    var user = newAccount();
    var old = backupCodes.issue(user);
    var fresh = backupCodes.issue(user);

    assertThat(backupCodes.verify(user, old.get(0)))
        .isEqualTo(new Refused(CodeCheckFailure.SUPERSEDED_SET));
    assertThat(backupCodes.verify(user, fresh.get(0))).isEqualTo(new Accepted(4));
  }

  @Test
  void codes_typed_the_way_people_type_them_are_accepted() {
    var user = newAccount();
    var codes = backupCodes.issue(user);

    var lowerWithSpaces = grouped(codes.get(0), " ").toLowerCase(Locale.ROOT);
    var fullWidthWithHyphens = fullWidth(grouped(codes.get(1), "-"));

    assertThat(backupCodes.verify(user, lowerWithSpaces)).isEqualTo(new Accepted(4));
    assertThat(backupCodes.verify(user, fullWidthWithHyphens)).isEqualTo(new Accepted(3));
  }

  @Test
  void every_kind_of_wrong_code_is_refused_with_its_reason_recorded_for_agents() {
    var user = newAccount();
    var codes = backupCodes.issue(user);
    var stranger = newAccount();
    var strangersCodes = backupCodes.issue(stranger);

    assertThat(backupCodes.verify(user, "hello"))
        .isEqualTo(new Refused(CodeCheckFailure.TYPO_SHAPED));
    assertThat(backupCodes.verify(user, strangersCodes.get(0)))
        .isEqualTo(new Refused(CodeCheckFailure.UNKNOWN));
    assertThat(backupCodes.verify(newAccount(), codes.get(0)))
        .isEqualTo(new Refused(CodeCheckFailure.NO_CODES));
    assertThat(backupCodes.verify("nobody_" + TestAccounts.suffix(), codes.get(0)))
        .isEqualTo(new Refused(CodeCheckFailure.NO_ACCOUNT));

    assertThat(audit.about("account:" + user, 10))
        .extracting(entry -> entry.details().get("reason"))
        .contains("TYPO_SHAPED", "UNKNOWN");
  }

  @Test
  void without_ordered_use_any_unused_code_works() {
    var unordered =
        new BackupCodeService(
            jdbc,
            transactions,
            accounts,
            new BackupCodePolicy(
                5, 12, policy.alphabet(), false, 5, policy.window(), policy.lockout()),
            audit,
            events,
            clock,
            hasher);
    var user = newAccount();
    var codes = unordered.issue(user);

    assertThat(unordered.verify(user, codes.get(3))).isEqualTo(new Accepted(4));
    assertThat(unordered.verify(user, codes.get(0))).isEqualTo(new Accepted(3));
  }

  @Test
  void two_simultaneous_checks_of_one_code_let_exactly_one_in() throws Exception {
    var user = newAccount();
    var code = backupCodes.issue(user).get(0);
    int threads = 8;
    var start = new CyclicBarrier(threads);
    var pool = Executors.newFixedThreadPool(threads);
    try {
      var checks = new ArrayList<Callable<BackupCodes.Check>>();
      for (int i = 0; i < threads; i++) {
        checks.add(
            () -> {
              start.await();
              return backupCodes.verify(user, code);
            });
      }
      var results = new ArrayList<BackupCodes.Check>();
      for (var future : pool.invokeAll(checks)) {
        results.add(future.get());
      }
      assertThat(results).filteredOn(Accepted.class::isInstance).hasSize(1);
      // The losers count as failures, so past the fifth they meet the lockout.
      assertThat(results)
          .filteredOn(result -> !(result instanceof Accepted))
          .hasSize(threads - 1)
          .allSatisfy(
              result ->
                  assertThat(
                          result.equals(new Refused(CodeCheckFailure.ALREADY_USED))
                              || result instanceof LockedOut)
                      .as(result.toString())
                      .isTrue());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void five_failures_lock_the_checks_even_for_a_right_code_until_the_lockout_ends() {
    var user = newAccount();
    var codes = backupCodes.issue(user);
    for (int i = 0; i < 5; i++) {
      assertThat(backupCodes.verify(user, "WRONG" + i)).isInstanceOf(Refused.class);
    }

    var locked = backupCodes.verify(user, codes.get(0));
    assertThat(locked).isInstanceOf(LockedOut.class);
    assertThat(((LockedOut) locked).retryAfter())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofMinutes(15));

    // The counters are in the database: another node (a new service) sees the lock too.
    assertThat(anotherNode().verify(user, codes.get(0))).isInstanceOf(LockedOut.class);

    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(backupCodes.verify(user, codes.get(0))).isEqualTo(new Accepted(4));
    assertThat(audit.about("account:" + user, 20))
        .extracting(entry -> entry.action())
        .contains("BACKUP_CODE_LOCKOUT");
  }

  @Test
  void failures_spread_wider_than_the_window_do_not_add_up() {
    var user = newAccount();
    var codes = backupCodes.issue(user);
    for (int i = 0; i < 4; i++) {
      backupCodes.verify(user, "WRONG" + i);
    }
    clock.advance(Duration.ofMinutes(16));
    for (int i = 0; i < 4; i++) {
      assertThat(backupCodes.verify(user, "WRONG" + i)).isInstanceOf(Refused.class);
    }

    assertThat(backupCodes.verify(user, codes.get(0))).isEqualTo(new Accepted(4));
  }

  @Test
  void a_right_code_resets_the_failure_count() {
    var user = newAccount();
    var codes = backupCodes.issue(user);
    for (int i = 0; i < 4; i++) {
      backupCodes.verify(user, "WRONG" + i);
    }
    assertThat(backupCodes.verify(user, codes.get(0))).isEqualTo(new Accepted(4));
    for (int i = 0; i < 4; i++) {
      backupCodes.verify(user, "WRONG" + i);
    }

    assertThat(backupCodes.verify(user, codes.get(1))).isEqualTo(new Accepted(3));
  }

  @Test
  void unknown_usernames_lock_out_like_real_ones() {
    var nobody = "nobody_" + TestAccounts.suffix();
    for (int i = 0; i < 5; i++) {
      assertThat(backupCodes.verify(nobody, "WRONG" + i))
          .isEqualTo(new Refused(CodeCheckFailure.NO_ACCOUNT));
    }

    assertThat(backupCodes.verify(nobody, "WRONG")).isInstanceOf(LockedOut.class);
  }

  @Test
  void codes_are_stored_only_as_salted_hashes() throws Exception {
    var user = newAccount();
    var codes = backupCodes.issue(user);
    backupCodes.verify(user, codes.get(0));
    backupCodes.verify(user, codes.get(3));

    var hashes =
        jdbc.queryForList(
            "select c.hash from backup_code c join backup_code_set s on s.id = c.set_id"
                + " where s.username = ?",
            String.class,
            user);
    assertThat(hashes).hasSize(5).doesNotHaveDuplicates();
    for (String code : codes) {
      assertThat(everyStoredValueContaining(code)).as(code).isEmpty();
      assertThat(everyStoredValueContaining(code.toLowerCase(Locale.ROOT))).as(code).isEmpty();
    }
  }

  @Test
  void a_right_code_is_announced_for_open_recovery_cases() {
    var user = newAccount();
    var codes = backupCodes.issue(user);

    backupCodes.verify(user, codes.get(0));

    assertThat(published.stream(BackupCodeAccepted.class))
        .contains(new BackupCodeAccepted(user, 4));
  }

  @Test
  void issuing_a_set_tells_the_registered_address_without_naming_a_code()
      throws MessagingException {
    var user = newAccount();
    var codes = backupCodes.issue(user);

    var notice =
        mail()
            .awaitMail(
                user + "@example.com",
                message -> {
                  try {
                    return message.getSubject().contains("@" + user);
                  } catch (MessagingException e) {
                    return false;
                  }
                });
    var text = MailClient.text(notice) + MailClient.html(notice);
    assertThat(text).contains("@" + user);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from outbound_mail where recipient = ? and template = ?",
                Integer.class,
                user + "@example.com",
                "backup-codes-issued"))
        .as("the notice is recorded like every sent mail")
        .isEqualTo(1);
    for (String code : codes) {
      assertThat(text).doesNotContain(code);
    }
  }

  /** Every text or binary value in every table of the database that contains the needle. */
  private List<String> everyStoredValueContaining(String needle) {
    var hits = new ArrayList<String>();
    var columns =
        jdbc.queryForList(
            "select table_name, column_name, data_type from information_schema.columns"
                + " where table_schema = 'PUBLIC'");
    for (var column : columns) {
      var table = (String) column.get("TABLE_NAME");
      var name = (String) column.get("COLUMN_NAME");
      var type = (String) column.get("DATA_TYPE");
      if (type.startsWith("CHARACTER")) {
        var count =
            jdbc.queryForObject(
                "select count(*) from \"" + table + "\" where \"" + name + "\" like ?",
                Integer.class,
                "%" + needle + "%");
        if (count != null && count > 0) {
          hits.add(table + "." + name);
        }
      } else if (type.startsWith("BINARY")) {
        for (byte[] value :
            jdbc.queryForList(
                "select \"" + name + "\" from \"" + table + "\" where \"" + name + "\" is not null",
                byte[].class)) {
          if (new String(value, StandardCharsets.ISO_8859_1).contains(needle)) {
            hits.add(table + "." + name);
          }
        }
      }
    }
    return hits;
  }

  private BackupCodeService anotherNode() {
    return new BackupCodeService(
        jdbc, transactions, accounts, policy, audit, events, clock, new CodeHasher());
  }

  private String newAccount() {
    return TestAccounts.create(accounts, "user");
  }

  private static String grouped(String code, String separator) {
    return code.substring(0, 4) + separator + code.substring(4, 8) + separator + code.substring(8);
  }

  private static String fullWidth(String text) {
    var out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
    }
    return out.toString();
  }
}
