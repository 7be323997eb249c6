package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The record of every mail we sent: whom, which template, which case, its Message-ID and its bounce
 * key. Never its body, so no link or code ends up here.
 */
@Component
public class SentMail {

  /** Our loop marker (as Zammad and RT use X-Loop): mail carrying our address in it is our own. */
  public static final String LOOP_HEADER = "X-Loop";

  private static final String BOUNCE_PREFIX = "bounce-";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final Clock clock;

  SentMail(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.clock = clock;
  }

  /** A sent mail as recorded. */
  public record Sent(String messageId, CaseId caseId, EmailAddress recipient, Instant bouncedAt) {}

  /** The VERP address a mail's bounces come back to: {@code support+bounce-<key>@domain}. */
  public static String bounceAddress(EmailAddress support, String key) {
    return support.localPart() + "+" + BOUNCE_PREFIX + key + "@" + support.domain();
  }

  /** The bounce key in one of our VERP addresses, if it is one. */
  public static Optional<String> bounceKey(EmailAddress support, EmailAddress recipient) {
    var prefix = support.localPart() + "+" + BOUNCE_PREFIX;
    if (recipient.domain().equals(support.domain()) && recipient.localPart().startsWith(prefix)) {
      return Optional.of(recipient.localPart().substring(prefix.length()));
    }
    return Optional.empty();
  }

  void record(
      String messageId, CaseId caseId, EmailAddress recipient, String template, String bounceKey) {
    jdbc.update(
        "insert into outbound_mail (message_id, case_id, recipient, template, bounce_key, sent_at)"
            + " values (?, ?, ?, ?, ?, ?)",
        messageId,
        caseId == null ? null : caseId.value(),
        recipient.value(),
        template,
        bounceKey,
        Timestamp.from(clock.instant()));
  }

  /** The newest of our mails among the given Message-IDs (a reply's In-Reply-To and References). */
  public Optional<Sent> findAny(Collection<String> messageIds) {
    if (messageIds.isEmpty()) {
      return Optional.empty();
    }
    return named
        .query(
            "select message_id, case_id, recipient, bounced_at from outbound_mail"
                + " where message_id in (:ids) order by id desc",
            java.util.Map.of("ids", messageIds),
            (row, n) -> sent(row))
        .stream()
        .findFirst();
  }

  public Optional<Sent> findByBounceKey(String key) {
    return jdbc
        .query(
            "select message_id, case_id, recipient, bounced_at from outbound_mail"
                + " where bounce_key = ?",
            (row, n) -> sent(row),
            key)
        .stream()
        .findFirst();
  }

  /** Marks a sent mail bounced (the first bounce counts). */
  public void bounced(String messageId, String reason) {
    jdbc.update(
        "update outbound_mail set bounced_at = ?, bounce_reason = ?"
            + " where message_id = ? and bounced_at is null",
        Timestamp.from(clock.instant()),
        reason.length() > 200 ? reason.substring(0, 200) : reason,
        messageId);
  }

  public List<Sent> forCase(CaseId caseId) {
    return jdbc.query(
        "select message_id, case_id, recipient, bounced_at from outbound_mail"
            + " where case_id = ? order by id",
        (row, n) -> sent(row),
        caseId.value());
  }

  private static Sent sent(java.sql.ResultSet row) throws java.sql.SQLException {
    var caseId = row.getString("case_id");
    var bounced = row.getTimestamp("bounced_at");
    return new Sent(
        row.getString("message_id"),
        caseId == null ? null : new CaseId(caseId),
        new EmailAddress(row.getString("recipient")),
        bounced == null ? null : bounced.toInstant());
  }
}
