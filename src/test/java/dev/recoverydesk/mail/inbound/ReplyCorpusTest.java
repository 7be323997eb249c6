package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.recovery.contact.ContactCheck;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replies as real clients write them ({@code src/test/resources/mail/*.eml}), each answering a real
 * contact-check mail over real SMTP and IMAP, each with its expected outcome beside it ({@code
 * *.expected}): status, reason, how it was matched, the text left after trimming and what was cut.
 */
class ReplyCorpusTest extends IntegrationTest {

  @Autowired ContactCheck contactCheck;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;

  /** Every mail of the folder with its expected outcome beside it. */
  static Stream<String> replies() throws IOException {
    return Arrays.stream(
            new PathMatchingResourcePatternResolver().getResources("classpath:mail/*.expected"))
        .map(Resource::getFilename)
        .map(file -> file.substring(0, file.length() - ".expected".length()))
        .sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replies")
  void each_reply_has_its_expected_outcome(String name) throws Exception {
    var expected = expectations(name);
    var caseId = CaseId.random();
    var contact =
        new EmailAddress(name + "." + caseId.value().toLowerCase(Locale.ROOT) + "@example.com");
    var instance = contactCheck.start(caseId, contact, "en");
    BpmnAwareTests.assertThat(instance).isWaitingAt("send-contact-check");
    CaseJobs.runJob(processEngine, caseId.value(), "send-contact-check");
    var sent = mail().awaitMail(contact.value(), message -> true);
    var sentMessageId = sent.getMessageID();
    var replyTo = sent.getHeader("Reply-To")[0];
    var messageId = "<" + UUID.randomUUID() + "@client.example>";
    var newUsername = "new_" + caseId.value().substring(3).toLowerCase(Locale.ROOT);
    var bounceKey =
        jdbc.queryForObject(
            "select bounce_key from outbound_mail where message_id = ?",
            String.class,
            sentMessageId);

    var raw =
        fill(
            eml(name),
            Map.of(
                "{{FROM}}", contact.value(),
                "{{TO}}", replyTo,
                "{{CASE_TAG}}", caseId.tag(),
                "{{CASE_LOWER}}", caseId.value().toLowerCase(Locale.ROOT),
                "{{IN_REPLY_TO}}", sentMessageId,
                "{{MESSAGE_ID}}", messageId,
                "{{BOUNCE_KEY}}", bounceKey,
                "{{USERNAME}}", newUsername));
    mail().sendRaw(raw, envelopeRecipient(raw));

    var stored = awaitProcessed(messageId);
    assertThat(stored.get("STATUS")).isEqualTo(expected.getProperty("status"));
    if (expected.containsKey("reason")) {
      assertThat(stored.get("STATUS_REASON")).isEqualTo(expected.getProperty("reason"));
    }
    if (expected.containsKey("matchedBy")) {
      assertThat(stored.get("MATCHED_BY")).isEqualTo(expected.getProperty("matchedBy"));
    }
    if (expected.containsKey("text")) {
      assertThat(stored.get("BODY_TEXT"))
          .isEqualTo(expected.getProperty("text").replace("{{USERNAME}}", newUsername));
    }
    var runtime = processEngine.getRuntimeService();
    boolean ended =
        runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
    var answered =
        expected.containsKey("answered")
            ? Boolean.parseBoolean(expected.getProperty("answered"))
            : "DELIVERED".equals(expected.getProperty("status"));
    assertThat(ended).as("case answered").isEqualTo(answered);
    if (expected.containsKey("newCase")) {
      var opened =
          jdbc.queryForMap(
              "select problem, contact_email, channel from recovery_case where username = ?",
              newUsername);
      assertThat(opened.get("PROBLEM")).isEqualTo(expected.getProperty("newCase"));
      assertThat(opened.get("CONTACT_EMAIL")).isEqualTo(contact.value());
      assertThat(opened.get("CHANNEL")).isEqualTo("MAIL");
    }
    var mailId = ((Number) stored.get("ID")).longValue();
    var forAgents = new ApiClient(port).get("/api/inbound-mail/" + mailId, "agent:agent");
    assertThat(forAgents.statusCode()).isEqualTo(200);
    assertThat(forAgents.body()).contains("\"status\":\"" + expected.getProperty("status") + "\"");
    if (expected.containsKey("cut")) {
      // What the reader cut, each part with why, in the order of the mail.
      var kinds =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(forAgents.body())
              .get("cut")
              .findValuesAsText("kind");
      assertThat(String.join(",", kinds)).isEqualTo(expected.getProperty("cut"));
    }
    if ("true".equals(expected.getProperty("triage"))) {
      var tasks =
          processEngine
              .getTaskService()
              .createTaskQuery()
              .taskDefinitionKey("triage-mail")
              .processVariableValueEquals("mailId", mailId)
              .list();
      assertThat(tasks).hasSize(1);
      if (expected.containsKey("text")) {
        // The agent in triage reads what the sender wrote, wherever it stood.
        assertThat(processEngine.getTaskService().getVariable(tasks.get(0).getId(), "mailText"))
            .isEqualTo(expected.getProperty("text"));
      }
    }
    if ("true".equals(expected.getProperty("bounced"))) {
      assertThat(
              jdbc.queryForObject(
                  "select bounced_at from outbound_mail where message_id = ?",
                  java.sql.Timestamp.class,
                  sentMessageId))
          .isNotNull();
    }
  }

  private Map<String, Object> awaitProcessed(String messageId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForList(
                    "select id, status, status_reason, matched_by, body_text from inbound_mail"
                        + " where message_id = ?",
                    messageId),
            rows -> rows.size() == 1 && !"RECEIVED".equals(rows.get(0).get("STATUS")))
        .get(0);
  }

  /** Where the mail goes: its first To address (as the sender's server would deliver it). */
  private static String envelopeRecipient(byte[] raw) throws MessagingException {
    var message =
        new jakarta.mail.internet.MimeMessage(
            jakarta.mail.Session.getInstance(new Properties()),
            new java.io.ByteArrayInputStream(raw));
    return ((jakarta.mail.internet.InternetAddress)
            message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0])
        .getAddress();
  }

  /** Fills placeholders in the raw bytes; the corpus keeps every non-ASCII byte as it is. */
  private static byte[] fill(byte[] raw, Map<String, String> values) {
    var text = new String(raw, StandardCharsets.ISO_8859_1);
    for (var value : values.entrySet()) {
      text = text.replace(value.getKey(), value.getValue());
    }
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] eml(String name) throws IOException {
    try (var in = new ClassPathResource("mail/" + name + ".eml").getInputStream()) {
      return in.readAllBytes();
    }
  }

  private static Properties expectations(String name) throws IOException {
    var properties = new Properties();
    try (var in = new ClassPathResource("mail/" + name + ".expected").getInputStream()) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
