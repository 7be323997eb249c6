package dev.recoverydesk.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoverydesk.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The database refuses to change or remove an audit entry, whatever code or person asks. */
class AppendOnlyAuditTest extends IntegrationTest {

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
}
