package dev.recoverydesk.recovery.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditEntry;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.EmailAddress;
import jakarta.mail.MessagingException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake limits over the public API and the support address, as an attacker would try them: one
 * victim's address named in request after request under different usernames, or a victim's address
 * forged as the sender of mail to the desk. The per-client limit needs a small setting of its own:
 * {@link ClientLimitTest}.
 */
class IntakeLimitsTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired AuditLog audit;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  private ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @Test
  void one_contact_address_gets_mail_for_three_requests_a_day_whatever_usernames_they_name()
      throws Exception {
    var victim = "victim_" + TestAccounts.suffix() + "@example.com";
    var caseIds = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      var opened = request("flood_" + TestAccounts.suffix(), victim);
      assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
      caseIds.add(json.readTree(opened.body()).get("caseId").asText());
    }
    var instancesBefore = accountRecoveryInstances();

    var known = TestAccounts.create(accounts, "known");
    var fourth = request(known, victim);
    var unknown = "nobody_" + TestAccounts.suffix();
    var fifth = request(unknown, victim);

    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(fourth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(problem(fourth).get("type").asText())
        .isEqualTo("urn:recovery-desk:problem:too-many-requests-for-contact");
    // Greedy refill: three a day is one more every eight hours.
    assertThat(retryAfter(fourth)).isBetween(1L, Duration.ofHours(8).toSeconds());
    assertThat(fifth.statusCode()).as("an unknown username is refused alike").isEqualTo(429);
    assertThat(fifth.body()).isEqualTo(fourth.body());
    assertThat(retryAfter(fifth)).isPositive();

    assertThat(accountRecoveryInstances()).as("no process started").isEqualTo(instancesBefore);
    assertThat(casesOf(known)).isZero();
    assertThat(casesOf(unknown)).isZero();

    // The three cases write to the address; nothing else ever does.
    caseIds.forEach(caseId -> CaseJobs.runDue(processEngine, caseId));
    var mail = mail();
    await().atMost(Duration.ofSeconds(20)).until(() -> mail.inbox(victim).size() >= 3);
    Thread.sleep(1000);
    var subjects = subjects(mail.inbox(victim));
    assertThat(subjects).hasSize(3);
    caseIds.forEach(caseId -> assertThat(subjects).anyMatch(subject -> subject.contains(caseId)));

    var limited = limitedAudit(known);
    assertThat(limited.details())
        .containsEntry("limit", "CONTACT")
        .containsEntry("channel", "REST")
        .containsEntry("contact", new EmailAddress(victim).masked())
        .containsEntry("client", "127.0.0.1");
    assertThat(limited.details().toString()).doesNotContain(victim);
    assertThat(limitedAudit(unknown).details()).containsEntry("limit", "CONTACT");
  }

  @Test
  void a_sub_address_tag_does_not_make_a_new_mailbox() throws Exception {
    var victim = "tagged_" + TestAccounts.suffix();
    for (int i = 0; i < 3; i++) {
      var opened = request("tag_" + TestAccounts.suffix(), victim + "+" + i + "@example.com");
      assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
    }

    assertThat(request("tag_" + TestAccounts.suffix(), victim + "@Example.com").statusCode())
        .isEqualTo(429);
    assertThat(request("tag_" + TestAccounts.suffix(), victim + "+new@example.com").statusCode())
        .isEqualTo(429);
  }

  @Test
  void the_per_account_limit_says_when_to_try_again() throws Exception {
    var username = "busy_" + TestAccounts.suffix();
    for (int i = 0; i < 3; i++) {
      var opened = request(username, username + "." + i + "@example.com");
      assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
    }

    var refused = request(username, username + ".3@example.com");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(problem(refused).get("type").asText())
        .isEqualTo("urn:recovery-desk:problem:too-many-cases");
    // When the oldest of the three leaves the day's window.
    assertThat(retryAfter(refused))
        .isBetween(Duration.ofDays(1).minusMinutes(5).toSeconds(), Duration.ofDays(1).toSeconds());
    assertThat(limitedAudit(username).details())
        .containsEntry("limit", "ACCOUNT")
        .containsEntry("contact", new EmailAddress(username + ".3@example.com").masked());
    assertThat(casesOf(username)).isEqualTo(3);
  }

  @Test
  void mail_from_one_sender_opens_three_cases_a_day_and_the_rest_go_to_an_agent() throws Exception {
    var sender = "mailer_" + TestAccounts.suffix() + "@example.com";
    var usernames = new ArrayList<String>();
    for (int i = 0; i < 4; i++) {
      usernames.add("mailed_" + TestAccounts.suffix());
    }
    var instancesBefore = accountRecoveryInstances();

    for (int i = 0; i < 3; i++) {
      var outcome = newRequestByMail(sender, usernames.get(i));
      assertThat(outcome.get("STATUS")).as(outcome.toString()).isEqualTo("DELIVERED");
      assertThat(casesOf(usernames.get(i))).isEqualTo(1);
    }
    var overMail = newRequestByMail(sender, usernames.get(3));
    assertThat(overMail.get("STATUS")).as(overMail.toString()).isEqualTo("UNMATCHED");

    var over = usernames.get(3);
    assertThat(casesOf(over)).isZero();
    assertThat(accountRecoveryInstances()).isEqualTo(instancesBefore + 3);
    assertThat(
            processEngine
                .getTaskService()
                .createTaskQuery()
                .taskDefinitionKey("triage-mail")
                .processVariableValueEquals("mailId", ((Number) overMail.get("ID")).longValue())
                .count())
        .as("an agent still sees the mail")
        .isEqualTo(1);
    var limited = limitedAudit(over);
    assertThat(limited.details())
        .containsEntry("limit", "CONTACT")
        .containsEntry("channel", "MAIL")
        .containsEntry("contact", new EmailAddress(sender).masked())
        .doesNotContainKey("client");
  }

  private HttpResponse<String> request(String username, String contact) throws Exception {
    return api.post(
        "/api/recovery-requests",
        null,
        json.writeValueAsString(
            Map.of("username", username, "contactEmail", contact, "problem", "OTHER")));
  }

  /** Sends a new request to the support address; returns the stored mail once it is handled. */
  private Map<String, Object> newRequestByMail(String from, String username) {
    var mail = mail();
    var message =
        mail.compose(
            from,
            "support@recovery.local",
            "Locked out",
            "Username: " + username + "\nThe SMS codes never arrive on my phone.",
            Map.of());
    mail.send(message);
    String messageId;
    try {
      messageId = message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForList(
                    "select id, status, status_reason from inbound_mail"
                        + " where message_id = ? and status <> 'RECEIVED'",
                    messageId),
            rows -> rows.size() == 1)
        .get(0);
  }

  private JsonNode problem(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  private static long retryAfter(HttpResponse<String> response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }

  private long accountRecoveryInstances() {
    return processEngine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(CaseIntake.PROCESS_KEY)
        .count();
  }

  private int casesOf(String username) {
    return jdbc.queryForObject(
        "select count(*) from recovery_case where username = ?", Integer.class, username);
  }

  private AuditEntry limitedAudit(String username) {
    return audit.about("account:" + username, 20).stream()
        .filter(entry -> entry.action().equals(CaseIntake.INTAKE_LIMITED))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no INTAKE_LIMITED for " + username));
  }

  private static List<String> subjects(List<jakarta.mail.internet.MimeMessage> messages) {
    return messages.stream()
        .map(
            message -> {
              try {
                return message.getSubject();
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
