package dev.recoverydesk.mail.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code outbox} table: one row a logical message, claimed by one node at a time. */
@Component
class OutboxRows {

  static final String MAIL = "mail";

  private static final String COLUMNS =
      "id, message_key, channel, template, case_id, process_instance_id, recipient, message_id,"
          + " bounce_key, reply_to, content_language, subject, body_text, body_html, attempts,"
          + " incident_id";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;

  OutboxRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
  }

  /** What is recorded: a rendered message, addressed, with the key that makes it one. */
  record Recorded(
      String key,
      String channel,
      String template,
      String caseId,
      String processInstanceId,
      String recipient,
      String messageId,
      String bounceKey,
      String replyTo,
      String language,
      String subject,
      String text,
      String html) {

    boolean mail() {
      return MAIL.equals(channel);
    }

    @Override
    public String toString() {
      return "Recorded[" + channel + " " + template + " " + key + "]";
    }
  }

  /** A row being sent: what was recorded, with its body, and how often it was tried. */
  record Row(long id, Recorded message, int attempts, String incidentId) {

    @Override
    public String toString() {
      return "Row[" + id + " " + message + " attempt " + attempts + "]";
    }
  }

  /** The row already recorded under the key: its id and Message-ID. */
  record Existing(long id, String messageId) {}

  Optional<Existing> find(String key) {
    return jdbc
        .query(
            "select id, message_id from outbox where message_key = ?",
            (row, n) -> new Existing(row.getLong("id"), row.getString("message_id")),
            key)
        .stream()
        .findFirst();
  }

  /**
   * Inserts the message unless its key is recorded. A key belongs to one step of one process, which
   * only one transaction can complete; so two inserts of one key do not race, and a look first
   * reads the same on H2 and PostgreSQL (a unique-key violation would end a PostgreSQL
   * transaction).
   */
  Existing insert(Recorded message, Instant now) {
    var existing = find(message.key());
    if (existing.isPresent()) {
      return existing.get();
    }
    named.update(
        "insert into outbox (message_key, channel, template, case_id, process_instance_id,"
            + " recipient, message_id, bounce_key, reply_to, content_language, subject, body_text,"
            + " body_html, recorded_at, due_at, attempts)"
            + " values (:key, :channel, :template, :caseId, :processInstanceId, :recipient,"
            + " :messageId, :bounceKey, :replyTo, :language, :subject, :text, :html, :now, :now, 0)",
        new MapSqlParameterSource()
            .addValue("key", message.key())
            .addValue("channel", message.channel())
            .addValue("template", message.template())
            .addValue("caseId", message.caseId())
            .addValue("processInstanceId", message.processInstanceId())
            .addValue("recipient", message.recipient())
            .addValue("messageId", message.messageId())
            .addValue("bounceKey", message.bounceKey())
            .addValue("replyTo", message.replyTo())
            .addValue("language", message.language())
            .addValue("subject", message.subject())
            .addValue("text", message.text())
            .addValue("html", message.html())
            .addValue("now", Timestamp.from(now)));
    return find(message.key()).orElseThrow();
  }

  /**
   * Takes the due rows (of {@code only}, if given) for this node until {@code claimedUntil}: rows
   * another node is claiming right now are skipped ({@code SKIP LOCKED}, on H2 2.3 and PostgreSQL),
   * rows another node claimed are left to it until its claim ends. Counts the attempt now, so that
   * a node dying while it sends still counts it. Run in a transaction of its own.
   */
  List<Row> claim(Instant now, Instant claimedUntil, int batch, Collection<Long> only) {
    var params =
        new MapSqlParameterSource().addValue("now", Timestamp.from(now)).addValue("only", only);
    var ids =
        named.queryForList(
            "select id from outbox where sent_at is null and due_at <= :now"
                + " and (claimed_until is null or claimed_until < :now)"
                + (only == null ? "" : " and id in (:only)")
                + " order by id fetch first "
                + batch
                + " rows only for update skip locked",
            params,
            Long.class);
    if (ids.isEmpty()) {
      return List.of();
    }
    named.update(
        "update outbox set claimed_until = :until, attempts = attempts + 1 where id in (:ids)",
        Map.of("until", Timestamp.from(claimedUntil), "ids", ids));
    return named.query(
        "select " + COLUMNS + " from outbox where id in (:ids) order by id",
        Map.of("ids", ids),
        (row, n) -> row(row));
  }

  /** Sent: the body is erased, the metadata kept; an SMS keeps its number masked only. */
  void sent(long id, String keptRecipient, Instant now) {
    jdbc.update(
        "update outbox set sent_at = ?, recipient = ?, subject = null, body_text = null,"
            + " body_html = null, claimed_until = null, last_error = null, incident_id = null"
            + " where id = ?",
        Timestamp.from(now),
        keptRecipient,
        id);
  }

  /** Refused: tried again at {@code dueAt}. The error names its kind only, never the message. */
  void failed(long id, String error, Instant dueAt) {
    jdbc.update(
        "update outbox set due_at = ?, claimed_until = null, last_error = ? where id = ?",
        Timestamp.from(dueAt),
        error.length() > 200 ? error.substring(0, 200) : error,
        id);
  }

  void incident(long id, String incidentId) {
    jdbc.update("update outbox set incident_id = ? where id = ?", incidentId, id);
  }

  long backlog(String channel) {
    var count =
        jdbc.queryForObject(
            "select count(*) from outbox where sent_at is null and channel = ?",
            Long.class,
            channel);
    return count == null ? 0 : count;
  }

  private static Row row(ResultSet row) throws SQLException {
    return new Row(
        row.getLong("id"),
        new Recorded(
            row.getString("message_key"),
            row.getString("channel"),
            row.getString("template"),
            row.getString("case_id"),
            row.getString("process_instance_id"),
            row.getString("recipient"),
            row.getString("message_id"),
            row.getString("bounce_key"),
            row.getString("reply_to"),
            row.getString("content_language"),
            row.getString("subject"),
            row.getString("body_text"),
            row.getString("body_html")),
        row.getInt("attempts"),
        row.getString("incident_id"));
  }
}
