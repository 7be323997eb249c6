package dev.recoverydesk.recovery.process;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.system.TokenSigner;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Six-digit check codes sent by SMS, kept only as an HMAC, usable once before they expire. */
@Component
public class SmsChecks {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)(\\d{3})\\s?(\\d{3})(?!\\d)");
  private static final String PURPOSE = "sms-check";

  private final JdbcTemplate jdbc;
  private final TokenSigner signer;
  private final Clock clock;

  SmsChecks(JdbcTemplate jdbc, TokenSigner signer, Clock clock) {
    this.jdbc = jdbc;
    this.signer = signer;
    this.clock = clock;
  }

  /**
   * @return the code, to be texted and forgotten
   */
  String create(CaseId caseId, Duration validFor) {
    var code = String.format("%06d", RANDOM.nextInt(1_000_000));
    jdbc.update("delete from sms_check where case_id = ?", caseId.value());
    jdbc.update(
        "insert into sms_check (case_id, code_mac, expires_at) values (?, ?, ?)",
        caseId.value(),
        signer.sign(PURPOSE, caseId.value() + ":" + code, 32),
        Timestamp.from(clock.instant().plus(validFor)));
    return code;
  }

  /** The six digits a reply carries, full-width or grouped, if any. */
  public static Optional<String> codeIn(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var matcher = SIX_DIGITS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC));
    return matcher.find() ? Optional.of(matcher.group(1) + matcher.group(2)) : Optional.empty();
  }

  /** Whether the code is the case's, unexpired and unused; a right code is used up. */
  public boolean confirm(CaseId caseId, String code) {
    var rows =
        jdbc.queryForList(
            "select code_mac from sms_check where case_id = ? and confirmed_at is null"
                + " and expires_at > ?",
            String.class,
            caseId.value(),
            Timestamp.from(clock.instant()));
    if (rows.isEmpty() || !signer.verify(PURPOSE, caseId.value() + ":" + code, rows.get(0))) {
      return false;
    }
    return jdbc.update(
            "update sms_check set confirmed_at = ? where case_id = ? and confirmed_at is null",
            Timestamp.from(clock.instant()),
            caseId.value())
        == 1;
  }
}
