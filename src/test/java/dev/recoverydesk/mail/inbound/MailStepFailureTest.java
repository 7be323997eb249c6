package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.MailSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.unit.DataSize;

/**
 * A stack overflow in a mail step stalls neither the inbox sweeper nor the IDLE loop: they log it
 * and go on with the next mail. (The inbox itself sends such a mail to triage: {@code
 * HostileMailInboxTest}.)
 */
class MailStepFailureTest {

  private final Inbox inbox = mock(Inbox.class);

  @Test
  void the_sweeper_goes_on_with_the_next_mail() {
    var jdbc = mock(JdbcTemplate.class);
    when(jdbc.queryForList(anyString(), eq(Long.class), any(Object[].class)))
        .thenReturn(List.of(1L, 2L));
    doThrow(new StackOverflowError()).when(inbox).take(1L);

    new InboxSweeper(jdbc, inbox, settings(DataSize.ofMegabytes(10)), Clock.systemUTC()).sweep();

    verify(inbox).take(2L);
  }

  @Test
  void the_idle_loop_is_not_stopped_by_a_mail_that_overflows() throws Exception {
    var mail =
        Inbox.parse(
            ("From: big@example.com\r\nMessage-ID: <big@example.com>\r\n\r\n" + "x".repeat(100))
                .getBytes(StandardCharsets.US_ASCII));
    when(inbox.storedId("<big@example.com>")).thenReturn(Optional.of(7L));
    doThrow(new StackOverflowError()).when(inbox).oversized(7L);

    try (var lanes = new MailLanes(inbox, 1)) {
      assertThatCode(
              () ->
                  SupportMailbox.take(
                      new GenericMessage<>(mail), inbox, lanes, settings(DataSize.ofBytes(10))))
          .doesNotThrowAnyException();
    }
    verify(inbox).oversized(7L);
  }

  private static MailSettings settings(DataSize maxSize) {
    return new MailSettings(
        new EmailAddress("support@recovery.local"),
        "Recovery Desk",
        Duration.ofSeconds(30),
        maxSize,
        new MailSettings.Imap("127.0.0.1", 3143, "s", "p", false, "INBOX", true, false),
        new MailSettings.Embedded(false),
        1,
        List.of());
  }
}
