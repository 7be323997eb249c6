package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.common.CaseId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One-time links: a 256-bit random token in the mail, only its SHA-256 in the database (a token
 * that strong needs no salt), used at most once and only before it expires. Using it is one
 * conditional update, so two clicks at once cannot both win.
 */
@Component
public class OneTimeLinks {

  /** What a link lets its holder do. */
  public enum Purpose {
    CODES,
    CANCEL
  }

  /** A link's target. */
  public record Link(CaseId caseId, String username, Purpose purpose) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final Clock clock;

  OneTimeLinks(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * @return the token, to be put in one mail and nowhere else
   */
  public String create(CaseId caseId, String username, Purpose purpose, Duration validFor) {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    var now = clock.instant();
    jdbc.update(
        "insert into one_time_link (token_hash, purpose, case_id, username, created_at, expires_at)"
            + " values (?, ?, ?, ?, ?, ?)",
        hash(token),
        purpose.name(),
        caseId.value(),
        username,
        Timestamp.from(now),
        Timestamp.from(now.plus(validFor)));
    return token;
  }

  /** The link, if the token is one of ours, of this purpose, unused and not expired. */
  public Optional<Link> peek(String token, Purpose purpose) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc
        .query(
            "select case_id, username from one_time_link where token_hash = ? and purpose = ?"
                + " and used_at is null and expires_at > ?",
            (row, n) ->
                new Link(new CaseId(row.getString("case_id")), row.getString("username"), purpose),
            hash(token),
            purpose.name(),
            Timestamp.from(clock.instant()))
        .stream()
        .findFirst();
  }

  /**
   * The case a token was made for, used or expired alike: the page that says a link no longer works
   * speaks the case's language. It tells nothing a holder of the token could not learn from the
   * mail that carried it.
   */
  public Optional<CaseId> caseOf(String token, Purpose purpose) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc
        .query(
            "select case_id from one_time_link where token_hash = ? and purpose = ?",
            (row, n) -> new CaseId(row.getString("case_id")),
            hash(token),
            purpose.name())
        .stream()
        .findFirst();
  }

  /** Uses the link up: exactly one caller gets it. */
  public Optional<Link> use(String token, Purpose purpose) {
    var link = peek(token, purpose);
    if (link.isEmpty()) {
      return Optional.empty();
    }
    var now = Timestamp.from(clock.instant());
    int used =
        jdbc.update(
            "update one_time_link set used_at = ? where token_hash = ? and purpose = ?"
                + " and used_at is null and expires_at > ?",
            now,
            hash(token),
            purpose.name(),
            now);
    return used == 1 ? link : Optional.empty();
  }

  /** Voids the unused links of a case (the case ended another way). */
  public void voidAll(CaseId caseId, Purpose purpose) {
    jdbc.update(
        "update one_time_link set used_at = ? where case_id = ? and purpose = ? and used_at is null",
        Timestamp.from(clock.instant()),
        caseId.value(),
        purpose.name());
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
