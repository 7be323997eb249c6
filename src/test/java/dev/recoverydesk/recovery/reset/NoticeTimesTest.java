package dev.recoverydesk.recovery.reset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.TestCases;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.common.UserTime;
import dev.recoverydesk.recovery.ResetPolicy;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.twofactor.BackupCodes;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Times in mail and texts are the user's: Japan time for a Japanese account unless it chose a zone
 * of its own, each with its zone's name.
 */
class NoticeTimesTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired CaseRecords records;
  @Autowired HoldNotices holdNotices;
  @Autowired BackupCodes backupCodes;
  @Autowired ResetPolicy reset;
  @Autowired Clock clock;
  @Autowired ObjectMapper json;

  @Test
  void a_japanese_account_reads_the_hold_in_japan_time_in_its_mail_and_its_text() throws Exception {
    var account = japanese(null);
    var before = clock.instant();
    holdNotices.send(
        records.find(TestCases.open(port, account.username(), "OTHER", Map.of())).orElseThrow());
    var after = clock.instant();

    var notice = mail().awaitMail(account.email().value(), subject("リセットされます"));
    var expected =
        List.of(
            UserTime.format(before.plus(reset.holdPeriod()), UserTime.JAPAN),
            UserTime.format(after.plus(reset.holdPeriod()), UserTime.JAPAN));
    assertThat(expected.get(0)).endsWith(" JST");
    assertThat(MailClient.text(notice)).containsAnyOf(expected.toArray(String[]::new));
    assertThat(MailClient.text(notice)).doesNotContain("UTC");
    var texts =
        new ApiClient(port).get("/api/sms-outbox/" + account.phone().e164(), "admin:admin").body();
    assertThat(texts).containsAnyOf(expected.toArray(String[]::new)).doesNotContain(" UTC");
  }

  @Test
  void an_account_with_a_zone_of_its_own_reads_times_in_it() throws Exception {
    var account = japanese(ZoneId.of("Europe/Berlin"));
    backupCodes.issue(account.username());
    var notice = mail().awaitMail(account.email().value(), subject("新しいバックアップコードが発行されました"));
    assertThat(MailClient.text(notice)).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d CET");

    var shown = new ApiClient(port).get("/api/accounts/" + account.username(), "admin:admin");
    assertThat(json.readTree(shown.body()).get("timeZone").asText()).isEqualTo("Europe/Berlin");
  }

  @Test
  void an_account_names_a_real_time_zone_or_none() throws Exception {
    var refused =
        new ApiClient(port)
            .post(
                "/api/accounts",
                "admin:admin",
                json.writeValueAsString(
                    Map.of(
                        "username", "zone_" + TestAccounts.suffix(),
                        "email", "zone@example.com",
                        "timeZone", "Mars/Olympus")));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("timeZone");
  }

  /** A Japanese account with a phone of its own, and the zone it chose (or none). */
  private Account japanese(ZoneId zone) {
    var username = TestAccounts.create(accounts, "jikan");
    var plain = accounts.find(username).orElseThrow();
    var phone = "+8190" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
    var account =
        new Account(
            username,
            plain.displayName(),
            plain.email(),
            List.of(),
            new PhoneNumber(phone),
            "docomo",
            "ja",
            null,
            new Account.TwoFactor(true, false, false),
            List.of(),
            List.of(),
            List.of(),
            zone);
    accounts.save(account);
    return account;
  }

  private static Predicate<jakarta.mail.internet.MimeMessage> subject(String words) {
    return message -> {
      try {
        return message.getSubject().contains(words);
      } catch (MessagingException unreadable) {
        return false;
      }
    };
  }
}
