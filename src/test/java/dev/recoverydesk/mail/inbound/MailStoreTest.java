package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.recoverydesk.mail.MailSorted;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The store step: a mail kept as received, once, whoever fetches it how often. */
class MailStoreTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private final InboundMailRepository mails = mock(InboundMailRepository.class);
  private final List<Object> events = new ArrayList<>();
  private final MailStore store =
      new MailStore(mails, events::add, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void a_new_mail_is_kept_with_its_sender_and_subject_and_its_one_time_links_redacted()
      throws Exception {
    when(mails.idOfMessage(anyString())).thenReturn(Optional.empty());
    var kept = ArgumentCaptor.forClass(InboundMail.class);
    when(mails.insertFirstCopy(kept.capture())).thenReturn(Optional.of(5L));

    var id =
        store.store(
            mail(
                "Message-ID: <m-1@client.example>",
                "See http://desk.example/recovery/codes/Secret123 please"),
            2_000);

    assertThat(id).isEqualTo(5L);
    var mail = kept.getValue();
    assertThat(mail.messageId()).isEqualTo("<m-1@client.example>");
    assertThat(mail.sender()).isEqualTo("erin@example.com");
    assertThat(mail.subject()).isEqualTo("Re: hello");
    assertThat(mail.receivedAt()).isEqualTo(NOW);
    assertThat(mail.sizeBytes()).isEqualTo(2_000);
    assertThat(new String(mail.raw(), StandardCharsets.UTF_8))
        .contains("codes/[redacted]")
        .doesNotContain("Secret123");
    assertThat(events).isEmpty();
  }

  @Test
  void a_mail_without_a_message_id_is_named_by_its_content() throws Exception {
    when(mails.idOfMessage(anyString())).thenReturn(Optional.empty());
    var kept = ArgumentCaptor.forClass(InboundMail.class);
    when(mails.insertFirstCopy(kept.capture())).thenReturn(Optional.of(5L), Optional.of(6L));

    store.store(mail("X-Nothing: here", "same"), 100);
    store.store(mail("X-Nothing: here", "same"), 100);

    var ids = kept.getAllValues().stream().map(InboundMail::messageId).toList();
    assertThat(ids.get(0)).startsWith("<sha256-").endsWith("@no-message-id>").isEqualTo(ids.get(1));
  }

  @Test
  void a_second_copy_is_a_duplicate_of_the_first() throws Exception {
    when(mails.idOfMessage("<m-1@client.example>")).thenReturn(Optional.of(3L));

    assertThat(store.store(mail("Message-ID: <m-1@client.example>", "hi"), 100)).isEqualTo(3L);
    assertThat(store.storedId(" <m-1@client.example> ")).contains(3L);
    assertThat(store.storedId(null)).isEmpty();
    assertThat(events)
        .containsExactly(
            new MailSorted(MailSorted.Verdict.DUPLICATE),
            new MailSorted(MailSorted.Verdict.DUPLICATE));
  }

  @Test
  void the_loser_of_a_race_to_store_finds_the_winners_copy() throws Exception {
    when(mails.idOfMessage("<m-1@client.example>")).thenReturn(Optional.empty(), Optional.of(9L));
    when(mails.insertFirstCopy(any())).thenReturn(Optional.empty());

    assertThat(store.store(mail("Message-ID: <m-1@client.example>", "hi"), 100)).isEqualTo(9L);
    assertThat(events).containsExactly(new MailSorted(MailSorted.Verdict.DUPLICATE));
  }

  private static byte[] mail(String header, String body) {
    return ("From: Erin <erin@example.com>\r\nTo: support@recovery.local\r\nSubject: Re: hello\r\n"
            + header
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + body
            + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
