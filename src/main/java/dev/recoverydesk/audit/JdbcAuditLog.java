package dev.recoverydesk.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The audit log in the application's database. It only ever inserts: there is no update and no
 * delete here, and the table is written in the caller's transaction, so an entry stands or falls
 * with the action it records.
 */
@Component
class JdbcAuditLog implements AuditLog {

  private static final int ACTOR_LENGTH = 100;
  private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final ObjectProvider<IdentityService> engineIdentity;

  JdbcAuditLog(
      JdbcTemplate jdbc,
      ObjectMapper json,
      Clock clock,
      ObjectProvider<IdentityService> engineIdentity) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.engineIdentity = engineIdentity;
  }

  @Override
  public void record(String action, String subject, Map<String, ?> details) {
    jdbc.update(
        "insert into audit_event (occurred_at, actor, action, subject, details)"
            + " values (?, ?, ?, ?, ?)",
        Timestamp.from(clock.instant()),
        actor(),
        action,
        subject,
        write(details));
  }

  @Override
  public List<AuditEntry> about(String subject, int limit) {
    return jdbc.query(
        "select id, occurred_at, actor, action, subject, details from audit_event"
            + " where subject = ? order by id desc limit ?",
        (row, n) ->
            new AuditEntry(
                row.getLong("id"),
                row.getTimestamp("occurred_at").toInstant(),
                row.getString("actor"),
                row.getString("action"),
                row.getString("subject"),
                read(row.getString("details"))),
        subject,
        limit);
  }

  /**
   * An open {@link AuditActor}; else the user signed in to the desk's APIs; else the user the
   * engine acts for (an agent in Tasklist, which signs in to the Camunda webapps, not to Spring
   * Security); else {@code anonymous}.
   */
  private String actor() {
    var scoped = AuditActor.current();
    if (scoped.isPresent()) {
      return truncate(scoped.get());
    }
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null
        && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken)) {
      return truncate(authentication.getName());
    }
    var identity = engineIdentity.getIfAvailable();
    var engineUser = identity == null ? null : identity.getCurrentAuthentication();
    if (engineUser != null && engineUser.getUserId() != null) {
      return truncate(engineUser.getUserId());
    }
    return "anonymous";
  }

  private static String truncate(String actor) {
    return actor.length() <= ACTOR_LENGTH ? actor : actor.substring(0, ACTOR_LENGTH);
  }

  private String write(Map<String, ?> details) {
    try {
      return json.writeValueAsString(details == null ? Map.of() : details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Audit details must be plain values", e);
    }
  }

  private Map<String, Object> read(String details) {
    try {
      return json.readValue(details, DETAILS);
    } catch (JsonProcessingException e) {
      return Map.of("unreadable", details);
    }
  }
}
