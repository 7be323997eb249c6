package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.recovery.contact.ContactCheck;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A new mail (no signed address, no thread) naming a waiting case by its subject tag, from the
 * case's contact address, to a desk whose own mail server is {@code mx.recovery.local} and listed
 * in {@code recovery.mail.trusted-authserv-ids}: it counts only when that server's
 * Authentication-Results says DMARC, or DKIM aligned with From, passed. Anything else goes to
 * triage and the case keeps waiting.
 */
class SubjectTagTrustTest extends IntegrationTest {

  private static final String OURS = "mx.recovery.local";

  @Autowired ApplicationContext context;
  @Autowired MailSettings settings;
  @Autowired ContactCheck contactCheck;
  @Autowired JdbcTemplate jdbc;

  private Inbox inbox;
  private CaseId caseId;
  private EmailAddress contact;
  private ProcessInstance waiting;

  @BeforeEach
  void aCaseWaitsForAReply() {
    inbox = Inboxes.of(context, Inboxes.trusting(settings, OURS));
    caseId = CaseId.random();
    contact = new EmailAddress("tag." + caseId.value().toLowerCase(Locale.ROOT) + "@example.com");
    waiting = contactCheck.start(caseId, contact, "en");
    BpmnAwareTests.assertThat(waiting).isWaitingAt("send-contact-check");
    CaseJobs.runJob(processEngine, caseId.value(), "send-contact-check");
    BpmnAwareTests.assertThat(waiting).isWaitingAt("wait-for-reply");
  }

  @Test
  void dmarc_pass_from_our_server_counts_for_the_case() throws Exception {
    var outcome =
        send(
            OURS
                + ";\r\n\tdkim=pass header.i=@example.com header.s=s1 header.b=AbC;\r\n"
                + "\tspf=pass smtp.mailfrom=example.com;\r\n"
                + "\tdmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com");

    assertThat(outcome).containsEntry("STATUS", "DELIVERED").containsEntry("MATCHED_BY", "SUBJECT");
    BpmnAwareTests.assertThat(waiting).isEnded();
  }

  @Test
  void aligned_dkim_pass_from_our_server_counts_for_the_case() throws Exception {
    var outcome = send(OURS + "; dkim=pass header.d=mail.example.com; dmarc=none");

    assertThat(outcome).containsEntry("STATUS", "DELIVERED");
    BpmnAwareTests.assertThat(waiting).isEnded();
  }

  @Test
  void no_authentication_results_goes_to_triage() throws Exception {
    assertTriaged(send());
  }

  @Test
  void a_pass_from_a_server_not_trusted_goes_to_triage() throws Exception {
    assertTriaged(
        send(
            "mx.mallory.example; dkim=pass header.d=example.com;"
                + " dmarc=pass header.from=example.com"));
  }

  @Test
  void dmarc_fail_from_our_server_goes_to_triage() throws Exception {
    assertTriaged(send(OURS + "; dmarc=fail (p=NONE) header.from=example.com"));
  }

  @Test
  void dkim_fail_from_our_server_goes_to_triage() throws Exception {
    assertTriaged(send(OURS + "; dkim=fail (bad signature) header.d=example.com"));
  }

  @Test
  void dkim_pass_for_a_domain_not_aligned_with_from_goes_to_triage() throws Exception {
    assertTriaged(send(OURS + "; dkim=pass header.d=mallory.example; dmarc=none"));
  }

  @Test
  void a_pass_written_into_the_mail_under_our_servers_own_result_goes_to_triage() throws Exception {
    // Our server adds its field on top; the sender's forgery, with our id, stands below it.
    assertTriaged(
        send(
            OURS + "; dmarc=fail header.from=example.com",
            OURS + "; dmarc=pass header.from=example.com"));
  }

  @Test
  void a_vouched_mail_from_another_address_than_the_case_expects_does_not_count() throws Exception {
    var outcome =
        sendFrom("someone.else@example.com", OURS + "; dmarc=pass header.from=example.com");

    assertThat(outcome)
        .containsEntry("STATUS", "UNMATCHED")
        .containsEntry("STATUS_REASON", "wrong-sender");
    BpmnAwareTests.assertThat(waiting).isWaitingAt("wait-for-reply");
  }

  private void assertTriaged(Map<String, Object> outcome) {
    assertThat(outcome)
        .containsEntry("STATUS", "UNMATCHED")
        .containsEntry("STATUS_REASON", "subject-tag-unauthenticated")
        .containsEntry("MATCHED_BY", null)
        .containsEntry("BODY_TEXT", "It is me, writing fresh.");
    BpmnAwareTests.assertThat(waiting).isWaitingAt("wait-for-reply");
    var mailId = ((Number) outcome.get("ID")).longValue();
    var triage =
        processEngine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey("triage-mail")
            .processVariableValueEquals("mailId", mailId)
            .singleResult();
    assertThat(triage).isNotNull();
    var shown = processEngine.getTaskService().getVariables(triage.getId());
    assertThat(shown)
        .containsEntry("reason", "subject-tag-unauthenticated")
        .containsEntry("caseId", caseId.value());
    assertThat((String) shown.get("reasonText"))
        .startsWith("Subject tag without a trusted authentication result");
  }

  private Map<String, Object> send(String... authenticationResults) throws Exception {
    return sendFrom(contact.value(), authenticationResults);
  }

  /** A fresh mail to the plain support address, handled by the desk that trusts our server. */
  private Map<String, Object> sendFrom(String from, String... authenticationResults)
      throws Exception {
    var messageId = "<" + UUID.randomUUID() + "@client.example>";
    var raw = new StringBuilder();
    for (var field : authenticationResults) {
      raw.append("Authentication-Results: ").append(field).append("\r\n");
    }
    raw.append("From: ")
        .append(from)
        .append("\r\nTo: support@recovery.local\r\nSubject: about my case ")
        .append(caseId.tag())
        .append("\r\nMessage-ID: ")
        .append(messageId)
        .append("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
        .append("It is me, writing fresh.\r\n");
    var id = inbox.store(raw.toString().getBytes(StandardCharsets.UTF_8));
    inbox.process(id);
    return jdbc.queryForMap(
        "select id, status, status_reason, matched_by, body_text from inbound_mail where id = ?",
        id);
  }
}
