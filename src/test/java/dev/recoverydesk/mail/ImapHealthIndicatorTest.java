package dev.recoverydesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.inbound.ImapHealthIndicator;
import dev.recoverydesk.mail.oauth2.MailSignIn;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.test.util.TestSocketUtils;

class ImapHealthIndicatorTest {

  @Test
  void a_mailbox_that_does_not_answer_is_down() {
    var nobodyListens = TestSocketUtils.findAvailableTcpPort();
    var settings =
        new MailSettings(
            new EmailAddress("support@recovery.local"),
            "Recovery Desk",
            Duration.ofSeconds(30),
            org.springframework.util.unit.DataSize.ofMegabytes(10),
            new MailSettings.Imap(
                "127.0.0.1", nobodyListens, "support", "secret", false, "INBOX", true, true),
            new MailSettings.Embedded(false),
            4,
            java.util.List.of());

    var health = new ImapHealthIndicator(settings, MailSignIn.withPassword()).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
  }
}
