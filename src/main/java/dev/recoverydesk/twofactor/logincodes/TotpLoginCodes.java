package dev.recoverydesk.twofactor.logincodes;

import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.Base32;
import dev.recoverydesk.system.NotFoundException;
import dev.recoverydesk.system.Sealer;
import dev.recoverydesk.twofactor.LoginCodes;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * RFC 6238 with HMAC-SHA1, the parameters every authenticator app supports. Secrets are sealed at
 * rest; the last step used is remembered so that a code seen over a shoulder is useless.
 */
@Service
class TotpLoginCodes implements LoginCodes {

  static final int DIGITS = 6;
  static final long STEP_SECONDS = 30;
  private static final int SECRET_BYTES = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final Sealer sealer;
  private final AccountDirectory accounts;
  private final AuditLog audit;
  private final Clock clock;

  TotpLoginCodes(
      JdbcTemplate jdbc, Sealer sealer, AccountDirectory accounts, AuditLog audit, Clock clock) {
    this.jdbc = jdbc;
    this.sealer = sealer;
    this.accounts = accounts;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  @Transactional
  public Enrolment enrol(String username) {
    var account =
        accounts.find(username).orElseThrow(() -> new NotFoundException("Account " + username));
    var key = account.username();
    var secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    var sealed = sealer.seal(secret, owner(key));
    jdbc.update("delete from login_code_secret where username = ?", key);
    jdbc.update(
        "insert into login_code_secret (username, secret_sealed, enrolled_at) values (?, ?, ?)",
        key,
        sealed,
        Timestamp.from(clock.instant()));
    audit.record("LOGIN_CODE_ENROLLED", "account:" + key, Map.of());
    var base32 = Base32.encode(secret);
    var label =
        URLEncoder.encode("Recovery Desk:" + key, StandardCharsets.UTF_8).replace("+", "%20");
    return new Enrolment(
        base32,
        URI.create(
            "otpauth://totp/"
                + label
                + "?secret="
                + base32
                + "&issuer=Recovery%20Desk&algorithm=SHA1&digits=6&period=30"));
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<Instant> enrolledAt(String username) {
    return Usernames.canonical(username)
        .flatMap(
            key ->
                jdbc
                    .query(
                        "select enrolled_at from login_code_secret where username = ?",
                        (row, n) -> row.getTimestamp("enrolled_at").toInstant(),
                        key)
                    .stream()
                    .findFirst());
  }

  @Override
  @Transactional
  public void remove(String username) {
    accounts
        .contact(username)
        .ifPresent(
            account -> {
              jdbc.update("delete from login_code_secret where username = ?", account.username());
              audit.record("LOGIN_CODE_REMOVED", "account:" + account.username(), Map.of());
            });
  }

  @Override
  @Transactional
  public boolean verify(String username, String code) {
    var account = accounts.contact(username);
    var typed = digits(code);
    if (account.isEmpty()) {
      return false;
    }
    var key = account.get().username();
    var rows =
        jdbc.query(
            "select secret_sealed, last_used_step from login_code_secret where username = ?"
                + " for update",
            (row, n) ->
                new Stored(
                    row.getString("secret_sealed"),
                    row.getObject("last_used_step") == null ? null : row.getLong("last_used_step")),
            key);
    if (rows.isEmpty() || typed == null) {
      audit.record("LOGIN_CODE_REFUSED", "account:" + key, Map.of());
      return false;
    }
    var stored = rows.get(0);
    var secret = sealer.open(stored.sealed(), owner(key));
    long now = clock.instant().getEpochSecond() / STEP_SECONDS;
    for (long step = now - 1; step <= now + 1; step++) {
      if (stored.lastUsedStep() != null && step <= stored.lastUsedStep()) {
        continue;
      }
      if (MessageDigest.isEqual(
          code(secret, step).getBytes(StandardCharsets.US_ASCII),
          typed.getBytes(StandardCharsets.US_ASCII))) {
        jdbc.update(
            "update login_code_secret set last_used_step = ? where username = ?", step, key);
        audit.record("LOGIN_CODE_USED", "account:" + key, Map.of());
        return true;
      }
    }
    audit.record("LOGIN_CODE_REFUSED", "account:" + key, Map.of());
    return false;
  }

  /** RFC 4226 HOTP of one time step, zero-padded to six digits. */
  static String code(byte[] secret, long step) {
    try {
      var mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      var hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary =
          ((hash[offset] & 0x7f) << 24)
              | ((hash[offset + 1] & 0xff) << 16)
              | ((hash[offset + 2] & 0xff) << 8)
              | (hash[offset + 3] & 0xff);
      return String.format("%0" + DIGITS + "d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String digits(String code) {
    if (code == null) {
      return null;
    }
    var text = Normalizer.normalize(code, Normalizer.Form.NFKC).replaceAll("[\\s-]", "");
    return text.matches("\\d{" + DIGITS + "}") ? text : null;
  }

  private static String owner(String username) {
    return "login-code:" + username;
  }

  private record Stored(String sealed, Long lastUsedStep) {}
}
