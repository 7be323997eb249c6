package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.ReplyAddress;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.recovery.contact.ContactCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile mail through the whole inbox, stored and handled by the desk's own parts: nesting beyond
 * the limit, a body of 10 MB on one line, and a step that overflows the stack on one mail while the
 * next mail on the same lane is still taken. (The IMAP size cap of the shared test context, 1 MB,
 * is the mailbox's business; mail is handed to the inbox here as the mailbox hands it on.)
 */
class HostileMailInboxTest extends IntegrationTest {

  @Autowired ApplicationContext context;
  @Autowired MailSettings settings;
  @Autowired ContactCheck contactCheck;
  @Autowired ReplyAddress replyAddress;
  @Autowired JdbcTemplate jdbc;

  @Test
  void mail_nested_deeper_than_the_limit_is_stored_whole_and_goes_to_triage() throws Exception {
    var inbox = Inboxes.of(context, settings);
    var messageId = "<" + UUID.randomUUID() + "@deep.example>";
    var raw =
        withHeaders(
            messageId,
            "deeper than the desk reads",
            RedactionTest.nested(
                MailLimits.MAX_DEPTH + 3, "Below it all: http://x/recovery/codes/DeepSecret1"));

    var id = inbox.store(raw);
    inbox.process(id);

    var stored = row(id);
    assertThat(stored)
        .containsEntry("STATUS", "UNMATCHED")
        .containsEntry("STATUS_REASON", "too-deep");
    // Whole: every byte as received but the one-time link's token.
    var kept = new String((byte[]) stored.get("RAW"), StandardCharsets.ISO_8859_1);
    assertThat(kept)
        .isEqualTo(
            new String(raw, StandardCharsets.ISO_8859_1)
                .replace("codes/DeepSecret1", "codes/[redacted]"));
    var triage =
        processEngine
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey("triage-mail")
            .processVariableValueEquals("mailId", id)
            .singleResult();
    assertThat(processEngine.getTaskService().getVariable(triage.getId(), "reason"))
        .isEqualTo("too-deep");
  }

  @Test
  void a_10_mb_mail_on_one_line_is_stored_whole_and_handled_in_well_under_a_second()
      throws Exception {
    var inbox = Inboxes.of(context, settings);
    var messageId = "<" + UUID.randomUUID() + "@big.example>";
    var body = "I cannot log in. " + "x".repeat(10 * 1024 * 1024);
    var raw =
        ("From: big."
                + UUID.randomUUID()
                + "@example.com\r\nTo: support@recovery.local\r\n"
                + "Subject: Help\r\nMessage-ID: "
                + messageId
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + body
                + "\r\n")
            .getBytes(StandardCharsets.UTF_8);

    var id = inbox.store(raw);
    var started = System.nanoTime();
    inbox.process(id);
    var took = Duration.ofNanos(System.nanoTime() - started);

    var stored = row(id);
    assertThat(((byte[]) stored.get("RAW")).length).isEqualTo(raw.length);
    assertThat(stored.get("STATUS")).isNotEqualTo("RECEIVED");
    assertThat((String) stored.get("BODY_TEXT"))
        .startsWith("I cannot log in. xxx")
        .hasSize(Inbox.MAX_TEXT);
    // A guard against a hang, in wall time on a machine other work may share: the reading steps'
    // own bound is HostileMailTest's, in CPU time; the rest here is the database and the engine.
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void a_step_that_overflows_the_stack_sends_its_mail_to_triage_and_the_lane_goes_on()
      throws Exception {
    ReplyHandler overflowing =
        reply -> reply.subject().contains("overflow") ? deeper(0) : ReplyHandler.Outcome.NOT_MINE;
    var inbox = Inboxes.of(context, settings, overflowing);
    var contact = new EmailAddress("lane." + UUID.randomUUID() + "@example.com");
    var first = waitingCheck(contact);
    var second = waitingCheck(contact);
    var crafted = store(inbox, contact, first.caseId(), "Re: overflow " + first.caseId().tag());
    var next = store(inbox, contact, second.caseId(), "Re: it is me " + second.caseId().tag());

    try (var lanes = new MailLanes(inbox, 1)) {
      lanes.handle(crafted, contact.value());
      lanes.handle(next, contact.value());
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !"RECEIVED".equals(row(next).get("STATUS")));
    }

    assertThat(row(crafted))
        .containsEntry("STATUS", "UNMATCHED")
        .containsEntry("STATUS_REASON", "step-failed");
    assertThat(
            processEngine
                .getTaskService()
                .createTaskQuery()
                .taskDefinitionKey("triage-mail")
                .processVariableValueEquals("mailId", crafted)
                .count())
        .isEqualTo(1);
    BpmnAwareTests.assertThat(first.instance()).isWaitingAt("wait-for-reply");
    assertThat(row(next)).containsEntry("STATUS", "DELIVERED");
    BpmnAwareTests.assertThat(second.instance()).isEnded();
  }

  /** A step with no end: a real stack overflow, as a recursive parser on a crafted mail has. */
  private static ReplyHandler.Outcome deeper(int level) {
    return level < 0 ? ReplyHandler.Outcome.NOT_MINE : deeper(level + 1);
  }

  private record Check(CaseId caseId, ProcessInstance instance) {}

  private Check waitingCheck(EmailAddress contact) {
    var caseId = CaseId.random();
    var instance = contactCheck.start(caseId, contact, "en");
    BpmnAwareTests.assertThat(instance).isWaitingAt("send-contact-check");
    CaseJobs.runJob(processEngine, caseId.value(), "send-contact-check");
    BpmnAwareTests.assertThat(instance).isWaitingAt("wait-for-reply");
    return new Check(caseId, instance);
  }

  /** A reply to the case's signed address, stored. */
  private long store(Inbox inbox, EmailAddress from, CaseId caseId, String subject)
      throws Exception {
    var raw =
        ("From: "
                + from.value()
                + "\r\nTo: "
                + replyAddress.forCase(caseId).value()
                + "\r\nSubject: "
                + subject
                + "\r\nMessage-ID: <"
                + UUID.randomUUID()
                + "@client.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nIt is me.\r\n")
            .getBytes(StandardCharsets.UTF_8);
    return inbox.store(raw);
  }

  private Map<String, Object> row(long id) {
    return jdbc.queryForMap(
        "select status, status_reason, raw, body_text from inbound_mail where id = ?", id);
  }

  /** A nested mail with a Message-ID and a subject of its own. */
  private static byte[] withHeaders(String messageId, String subject, byte[] nested) {
    var text = new String(nested, StandardCharsets.ISO_8859_1);
    var headers = "Message-ID: " + messageId + "\r\nTo: support@recovery.local\r\n";
    return (headers + text.replace("Subject: deep", "Subject: " + subject))
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
