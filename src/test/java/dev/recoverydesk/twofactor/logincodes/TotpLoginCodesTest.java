package dev.recoverydesk.twofactor.logincodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.twofactor.LoginCodes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class TotpLoginCodesTest extends IntegrationTest {

  @Autowired LoginCodes loginCodes;
  @Autowired AccountDirectory accounts;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  /** RFC 6238 appendix B, SHA-1, last six digits. */
  @ParameterizedTest
  @CsvSource({
    "59, 287082",
    "1111111109, 081804",
    "1111111111, 050471",
    "1234567890, 005924",
    "2000000000, 279037",
    "20000000000, 353130"
  })
  void codes_match_the_rfc_test_vectors(long unixTime, String code) {
    var secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    assertThat(TotpLoginCodes.code(secret, unixTime / 30)).isEqualTo(code);
  }

  @Test
  void the_app_code_works_once_and_others_do_not() {
    var user = newAccount();
    var enrolment = loginCodes.enrol(user);
    assertThat(enrolment.otpauthUri().toString())
        .startsWith("otpauth://totp/Recovery%20Desk%3A" + user + "?secret=" + enrolment.secret());

    var now = appCode(enrolment.secret(), 0);
    assertThat(loginCodes.verify(user, "000000".equals(now) ? "111111" : "000000")).isFalse();
    assertThat(loginCodes.verify(user, now.substring(0, 3) + " " + now.substring(3))).isTrue();
    assertThat(loginCodes.verify(user, now)).as("replayed").isFalse();
  }

  @Test
  void a_phone_clock_one_step_off_is_forgiven_but_not_two() {
    var user = newAccount();
    var enrolment = loginCodes.enrol(user);

    assertThat(loginCodes.verify(user, appCode(enrolment.secret(), -2))).isFalse();
    assertThat(loginCodes.verify(user, appCode(enrolment.secret(), -1))).isTrue();
  }

  @Test
  void the_secret_is_sealed_at_rest() {
    var user = newAccount();
    var enrolment = loginCodes.enrol(user);

    var stored =
        jdbc.queryForObject(
            "select secret_sealed from login_code_secret where username = ?", String.class, user);
    assertThat(stored).doesNotContain(enrolment.secret());
    assertThat(loginCodes.verify(user, appCode(enrolment.secret(), 0))).isTrue();
  }

  @Test
  void accounts_without_an_app_have_no_login_codes() {
    assertThat(loginCodes.verify(newAccount(), "123456")).isFalse();
    assertThat(loginCodes.verify("nobody_at_all", "123456")).isFalse();
  }

  private String appCode(String base32Secret, int stepsFromNow) {
    long step = clock.instant().getEpochSecond() / 30 + stepsFromNow;
    return TotpLoginCodes.code(decode(base32Secret), step);
  }

  private static byte[] decode(String base32) {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    var out = new java.io.ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : base32.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }

  private String newAccount() {
    return TestAccounts.create(accounts, "totp");
  }
}
