package dev.recoverydesk.system.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.ApiClient;
import dev.recoverydesk.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The probes an orchestrator calls: public and terse. Readiness waits for everything the desk needs
 * to serve (database, engine, the mail server for sending and the support mailbox); liveness looks
 * at the application alone, so that an outage elsewhere never restarts a healthy node.
 */
class ProbesTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired HealthEndpointGroups groups;

  @Test
  void liveness_and_readiness_answer_anyone_with_their_status_only() {
    var api = new ApiClient(port);
    for (String probe : new String[] {"liveness", "readiness"}) {
      var response = api.get("/actuator/health/" + probe, null);
      assertThat(response.statusCode()).as(probe).isEqualTo(200);
      assertThat(response.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
    }
    assertThat(api.get("/actuator/health/readiness", "admin:admin").body())
        .contains("\"imap\":{\"status\":\"UP\"", "\"mail\":{\"status\":\"UP\"");
  }

  @Test
  void readiness_needs_the_database_the_engine_and_the_mail_server_and_liveness_none_of_them() {
    var readiness = groups.get("readiness");
    for (String needed : new String[] {"readinessState", "db", "engine", "mail", "imap"}) {
      assertThat(readiness.isMember(needed)).as(needed).isTrue();
    }
    var liveness = groups.get("liveness");
    assertThat(liveness.isMember("livenessState")).isTrue();
    for (String outside : new String[] {"db", "engine", "mail", "imap"}) {
      assertThat(liveness.isMember(outside)).as(outside).isFalse();
    }
  }
}
