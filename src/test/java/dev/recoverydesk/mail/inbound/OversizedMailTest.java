package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A mail over the size cap (1 MB in tests) keeps only its headers, goes to triage, and its sender
 * hears why; a machine's oversized mail is not answered.
 */
class OversizedMailTest extends IntegrationTest {

  private static final String SUPPORT = "support@recovery.local";

  @Autowired JdbcTemplate jdbc;
  private final MailClient mail = mail();

  @Test
  void an_oversized_mail_keeps_its_headers_and_its_sender_is_told() throws Exception {
    var sender = "big." + UUID.randomUUID() + "@example.com";
    var message = mail.compose(sender, SUPPORT, "My photos", bigBody(), Map.of());
    mail.send(message);

    var stored = awaitProcessed(message.getMessageID());
    assertThat(stored.get("STATUS")).isEqualTo("UNMATCHED");
    assertThat(stored.get("STATUS_REASON")).isEqualTo("too-large");
    assertThat(((byte[]) stored.get("RAW")).length).isLessThan(64 * 1024);
    assertThat(((Number) stored.get("SIZE_BYTES")).longValue()).isGreaterThan(1024 * 1024);

    var notice = mail.awaitMail(sender, sent -> subject(sent).contains("too large"));
    assertThat(MailClient.text(notice)).contains("larger than 1 MB");
  }

  @Test
  void an_oversized_machine_mail_is_not_answered() throws Exception {
    var sender = "noreply." + UUID.randomUUID() + "@example.com";
    var message = mail.compose(sender, SUPPORT, "Report", bigBody(), Map.of());
    mail.send(message);

    assertThat(awaitProcessed(message.getMessageID()).get("STATUS_REASON")).isEqualTo("too-large");
    // The mailbox hears "seen" only after the mail was handled, notice and all.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> mail.isTaken(SUPPORT, message.getMessageID()));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from outbound_mail where recipient = ?", Integer.class, sender))
        .isZero();
  }

  private Map<String, Object> awaitProcessed(String messageId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForList(
                    "select status, status_reason, raw, size_bytes from inbound_mail"
                        + " where message_id = ?",
                    messageId),
            rows -> rows.size() == 1 && !"RECEIVED".equals(rows.get(0).get("STATUS")))
        .get(0);
  }

  private static String bigBody() {
    return "x".repeat(76).concat("\n").repeat(20_000);
  }

  private static String subject(jakarta.mail.internet.MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (MessagingException e) {
      return "";
    }
  }
}
