package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.MailNeedsTriage;
import dev.recoverydesk.mail.MailSorted;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.mail.TriageReason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The notice for a mail over the cap: to a person, in the language of the subject, never a robot.
 */
class TooLargeNoticeTest {

  private static final EmailAddress SUPPORT = new EmailAddress("support@recovery.local");

  private final Mailer mailer = mock(Mailer.class);
  private final InboundMailRepository mails = mock(InboundMailRepository.class);
  private final TransactionTemplate transactions = mock(TransactionTemplate.class);
  private final List<Object> events = new ArrayList<>();
  private final TooLargeNotice notice =
      new TooLargeNotice(
          mails,
          transactions,
          new Delivery(
              null,
              reply -> ReplyHandler.Outcome.NOT_MINE,
              List.of(),
              events::add,
              Clock.systemUTC()),
          SUPPORT,
          new SizeCap(DataSize.ofMegabytes(10)),
          mailer);

  @Test
  void an_oversized_mail_goes_to_triage_once_and_then_its_sender_is_told() {
    when(transactions.execute(any()))
        .thenAnswer(call -> call.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
    var mail = stored("erin@example.com", "");
    ReflectionTestUtils.setField(mail, "id", 5L);
    when(mails.lockById(5L)).thenReturn(Optional.of(mail));

    notice.handle(5L);
    notice.handle(5L);

    assertThat(mail.status()).isEqualTo(InboundMail.Status.UNMATCHED);
    assertThat(mail.statusReason()).isEqualTo("too-large");
    assertThat(events)
        .containsExactly(
            new MailNeedsTriage(5L, null, "erin@example.com", "photos", TriageReason.TOO_LARGE),
            new MailSorted(MailSorted.Verdict.TRIAGE));
    verify(mailer, times(1)).send(any());
  }

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
