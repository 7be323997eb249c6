package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.util.unit.DataSize;

/**
 * The notice for a mail over the cap: to a person, in the language of the subject, never a robot.
 */
class TooLargeNoticeTest {

  private static final EmailAddress SUPPORT = new EmailAddress("support@recovery.local");

  private final Mailer mailer = mock(Mailer.class);
  private final TooLargeNotice notice =
      new TooLargeNotice(SUPPORT, new SizeCap(DataSize.ofMegabytes(10)), mailer);

  @Test
  void a_person_is_told_and_a_machine_is_not() {
    assertThat(notice.recipient(stored("erin@example.com", "")))
        .contains(new EmailAddress("erin@example.com"));
    assertThat(notice.recipient(stored("noreply@example.com", ""))).isEmpty();
    assertThat(notice.recipient(stored("erin@example.com", "Auto-Submitted: auto-replied\r\n")))
        .isEmpty();
  }

  @Test
  void the_notice_names_the_cap_in_the_language_of_the_subject() {
    var to = new EmailAddress("erin@example.com");
    notice.send(1, to, "写真を送ります");

    var sent = ArgumentCaptor.forClass(OutboundMail.class);
    verify(mailer).send(sent.capture());
    assertThat(sent.getValue().to()).isEqualTo(to);
    assertThat(sent.getValue().template()).isEqualTo("mail-too-large");
    assertThat(sent.getValue().locale()).isEqualTo(Locale.JAPANESE);
    assertThat(sent.getValue().model()).containsEntry("maxMegabytes", 10L);
  }

  @Test
  void a_notice_that_cannot_be_sent_is_only_logged() {
    doThrow(new IllegalStateException("smtp down")).when(mailer).send(any());

    assertThatCode(() -> notice.send(1, new EmailAddress("erin@example.com"), "My photos"))
        .doesNotThrowAnyException();
  }

  private static InboundMail stored(String from, String header) {
    var raw =
        ("From: "
                + from
                + "\r\n"
                + header
                + "Subject: photos\r\nMessage-ID: <m@x>\r\n\r\n[cut]\r\n")
            .getBytes(StandardCharsets.UTF_8);
    return new InboundMail("<m@x>", Instant.now(), from, "photos", raw, 50_000_000);
  }
}
