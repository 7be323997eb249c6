package dev.recoverydesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who the audit log names: the signed-in agent, the desk's own jobs, a mail's sender, or nobody.
 */
class AuditActorTest extends IntegrationTest {

  @Autowired AuditLog audit;

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
    processEngine.getIdentityService().clearAuthentication();
  }

  @Test
  void an_agent_signed_in_to_the_camunda_webapps_is_named() {
    var subject = subject();
    // What Tasklist's own sign-in leaves on the thread: the engine's user, no Spring Security one.
    processEngine.getIdentityService().setAuthenticatedUserId("agent2");
    audit.record("IDENTITY_REVIEWED", subject, Map.of());

    assertThat(actors(subject)).containsExactly("agent2");
  }

  @Test
  void a_mails_sender_is_named_masked_and_wins_over_whoever_is_signed_in() {
    var subject = subject();
    signIn("agent1");
    try (var actor = AuditActor.mail(7, "Bob.Smith@Example.net")) {
      audit.record("CASE_CANCELLED", subject, Map.of());
    }
    audit.record("IDENTITY_REVIEWED", subject, Map.of());

    assertThat(actors(subject)).containsExactly("agent1", "mail#7 from b•••h@example.net");
  }

  @Test
  void scopes_nest_and_close_back_to_nobody() {
    var subject = subject();
    try (var outer = AuditActor.system()) {
      try (var inner = AuditActor.mail(8, "not an address")) {
        audit.record("MAIL_BOUNCED", subject, Map.of());
      }
      audit.record("CASE_EXPIRED", subject, Map.of());
    }
    audit.record("CASE_OPENED", subject, Map.of());

    assertThat(actors(subject))
        .containsExactly("anonymous", "system", "mail#8 from an unknown sender");
    assertThat(AuditActor.current()).isEmpty();
  }

  @Test
  void an_overlong_sender_still_leaves_an_entry() {
    var subject = subject();
    try (var actor = AuditActor.mail(9, "x@" + "very-long-label.".repeat(12) + "example")) {
      audit.record("CASE_OPENED", subject, Map.of());
    }

    assertThat(actors(subject))
        .singleElement()
        .asString()
        .startsWith("mail#9 from x•••@")
        .hasSize(100);
  }

  private static String subject() {
    return "case:actor_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private List<String> actors(String subject) {
    return audit.about(subject, 10).stream().map(AuditEntry::actor).toList();
  }

  private static void signIn(String user) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
  }
}
