package dev.recoverydesk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.recoverydesk.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The audit log: the database refuses to change or remove an entry, whatever code or person asks,
 * and each entry names who acted.
 */
class AuditLogTest extends IntegrationTest {

  @Autowired AuditLog audit;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anEntryCanBeWrittenButNeverChangedNorRemoved() {
    var subject = "account:append_" + UUID.randomUUID().toString().substring(0, 8);
    audit.record("SECOND_FACTORS_RESET", subject, Map.of("case", "RC-TEST"));
    var id =
        jdbc.queryForObject("select id from audit_event where subject = ?", Long.class, subject);

    assertThatThrownBy(
            () -> jdbc.update("update audit_event set actor = 'nobody' where id = ?", id))
        .isInstanceOf(DataIntegrityViolationException.class)
        .rootCause()
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from audit_event where id = ?", id))
        .isInstanceOf(DataIntegrityViolationException.class)
        .rootCause()
        .hasMessageContaining("append-only");

    assertThat(audit.about(subject, 10))
        .singleElement()
        .satisfies(entry -> assertThat(entry.action()).isEqualTo("SECOND_FACTORS_RESET"));
  }

  @Test
  void theActorIsThePersonSignedInAStrangerOnTheWebOrTheDeskItself() throws Exception {
    var subject = "account:actor_" + UUID.randomUUID().toString().substring(0, 8);
    var context = SecurityContextHolder.getContext();
    try {
      SecurityContextHolder.getContext()
          .setAuthentication(
              UsernamePasswordAuthenticationToken.authenticated(
                  "agent", "n/a", AuthorityUtils.createAuthorityList("ROLE_AGENT")));
      audit.record("BY_AGENT", subject, Map.of());
      SecurityContextHolder.getContext()
          .setAuthentication(
              new AnonymousAuthenticationToken(
                  "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
      audit.record("BY_STRANGER", subject, Map.of());
    } finally {
      SecurityContextHolder.setContext(context);
    }
    // The job executor, the mail lanes and timers run with no one signed in.
    var desk = new Thread(() -> audit.record("BY_DESK", subject, Map.of()));
    desk.start();
    desk.join();

    assertThat(audit.about(subject, 10))
        .extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactly(
            tuple("BY_DESK", "system"),
            tuple("BY_STRANGER", "anonymous"),
            tuple("BY_AGENT", "agent"));
  }
}
