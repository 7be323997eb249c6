package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.MailBounced;
import dev.recoverydesk.mail.MailNeedsTriage;
import dev.recoverydesk.mail.NewMailHandler;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.mail.TriageReason;
import dev.recoverydesk.mail.outbound.SentMail;
import dev.recoverydesk.mail.reading.ReplyReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The deliver step on mails with a verdict, with stub handlers in place of the cases: what becomes
 * of each mail, and which events it raises. Neither a mail server nor the engine is involved.
 */
class DeliveryTest {

  private static final CaseId CASE = new CaseId("RC-7K3M9Q");
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Verdict.Matched BY_TOKEN = new Verdict.Matched(CASE, Reply.MatchedBy.TOKEN);

  private final List<Object> events = new ArrayList<>();
  private final SentMail sent = mock(SentMail.class);
  private final List<Reply> offered = new ArrayList<>();

  @Test
  void a_reply_its_case_takes_is_delivered_with_the_senders_words() throws Exception {
    var mail = stored(NOW);

    delivery(ReplyHandler.Outcome.TAKEN).act(mail, BY_TOKEN, message(), reading());

    assertThat(mail.status()).isEqualTo(InboundMail.Status.DELIVERED);
    assertThat(mail.caseId()).isEqualTo(CASE.value());
    assertThat(mail.matchedBy()).isEqualTo("TOKEN");
    assertThat(offered)
        .singleElement()
        .satisfies(
            reply -> {
              assertThat(reply.mailId()).isEqualTo(5L);
              assertThat(reply.caseId()).isEqualTo(CASE);
              assertThat(reply.from()).isEqualTo(new EmailAddress("erin@example.com"));
              assertThat(reply.text()).isEqualTo("Yes, it is me.");
            });
    assertThat(events).isEmpty();
  }

  @Test
  void each_outcome_the_case_gives_has_its_triage_reason() throws Exception {
    for (var outcome :
        List.of(
            ReplyHandler.Outcome.WRONG_SENDER,
            ReplyHandler.Outcome.NOT_WAITING,
            ReplyHandler.Outcome.NOT_MINE)) {
      events.clear();
      var mail = stored(NOW);

      delivery(outcome).act(mail, BY_TOKEN, message(), reading());

      var expected =
          switch (outcome) {
            case WRONG_SENDER -> TriageReason.WRONG_SENDER;
            case NOT_WAITING -> TriageReason.NOT_WAITING;
            default -> TriageReason.UNKNOWN_CASE;
          };
      assertThat(mail.status()).isEqualTo(InboundMail.Status.UNMATCHED);
      assertThat(mail.statusReason()).isEqualTo(expected.code());
      assertThat(events)
          .containsExactly(
              new MailNeedsTriage(5L, CASE, "erin@example.com", "Re: hello", expected));
    }
  }

  @Test
  void a_reply_before_its_case_waits_is_tried_again_then_set_aside() throws Exception {
    var early = stored(NOW.minusSeconds(10));
    assertThatThrownBy(
            () -> delivery(ReplyHandler.Outcome.NOT_YET).act(early, BY_TOKEN, message(), reading()))
        .isInstanceOf(Inbox.TooEarly.class);
    assertThat(early.status()).isEqualTo(InboundMail.Status.RECEIVED);

    var late = stored(NOW.minus(Inbox.IN_FLIGHT).minus(Duration.ofSeconds(1)));
    delivery(ReplyHandler.Outcome.NOT_YET).act(late, BY_TOKEN, message(), reading());
    assertThat(late.statusReason()).isEqualTo("not-waiting");
  }

  @Test
  void the_reply_is_handed_to_the_cases_once() {
    var delivery = delivery(ReplyHandler.Outcome.WRONG_SENDER);

    assertThat(delivery.deliver(reply())).isEqualTo(ReplyHandler.Outcome.WRONG_SENDER);
    assertThat(offered).containsExactly(reply());
  }

  @Test
  void a_new_request_opens_a_case_or_goes_to_triage() throws Exception {
    NewMailHandler opens = request -> Optional.of(CASE);
    var opened = stored(NOW);
    new Delivery(sent, DeliveryTest::unknown, List.of(opens), events::add, clock())
        .act(opened, new Verdict.NewRequest(), message(), reading());
    assertThat(opened.status()).isEqualTo(InboundMail.Status.DELIVERED);
    assertThat(opened.matchedBy()).isEqualTo("NEW");

    var nobody = stored(NOW);
    new Delivery(
            sent, DeliveryTest::unknown, List.of(request -> Optional.empty()), events::add, clock())
        .act(nobody, new Verdict.NewRequest(), message(), reading());
    assertThat(nobody.statusReason()).isEqualTo("no-case");
  }

  @Test
  void a_bounce_marks_the_mail_it_reports_and_names_the_stored_bounce() throws Exception {
    var recipient = new EmailAddress("erin@example.com");
    when(sent.findByBounceKey("k3y"))
        .thenReturn(Optional.of(new SentMail.Sent("<sent-1@desk>", CASE, recipient, null)));
    var bounce = stored(NOW);

    delivery(ReplyHandler.Outcome.TAKEN)
        .act(bounce, new Verdict.Bounce(new Bounces.Bounce("k3y", null, true)), message(), null);

    assertThat(bounce.status()).isEqualTo(InboundMail.Status.BOUNCE);
    verify(sent).bounced("<sent-1@desk>", "permanent failure");
    assertThat(events).containsExactly(new MailBounced(5L, CASE, recipient, "<sent-1@desk>", true));
  }

  @Test
  void a_bounce_of_a_mail_the_desk_did_not_send_goes_to_triage_as_itself() throws Exception {
    when(sent.findAny(anyCollection())).thenReturn(Optional.empty());
    var bounce = stored(NOW);

    delivery(ReplyHandler.Outcome.TAKEN)
        .act(
            bounce,
            new Verdict.Bounce(new Bounces.Bounce(null, "<other@x>", true)),
            message(),
            null);

    assertThat(events)
        .containsExactly(
            new MailNeedsTriage(
                5L, null, "erin@example.com", "Re: hello", TriageReason.BOUNCE_OF_UNKNOWN_MAIL));
  }

  @Test
  void a_machines_mail_is_ignored_with_its_kind() throws Exception {
    var mail = stored(NOW);

    delivery(ReplyHandler.Outcome.TAKEN)
        .act(mail, new Verdict.Machine(MachineMail.Kind.OUT_OF_OFFICE), message(), null);

    assertThat(mail.status()).isEqualTo(InboundMail.Status.IGNORED);
    assertThat(mail.statusReason()).isEqualTo("out-of-office");
    assertThat(offered).isEmpty();
    assertThat(events).isEmpty();
  }

  private Delivery delivery(ReplyHandler.Outcome outcome) {
    ReplyHandler handler =
        reply -> {
          offered.add(reply);
          return outcome;
        };
    return new Delivery(sent, handler, List.of(), events::add, clock());
  }

  private static ReplyHandler.Outcome unknown(Reply reply) {
    return ReplyHandler.Outcome.NOT_MINE;
  }

  private static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  private static final String RAW =
      "From: Erin <erin@example.com>\r\nTo: support@recovery.local\r\nSubject: Re: hello\r\n"
          + "Message-ID: <m-1@client.example>\r\nMIME-Version: 1.0\r\n"
          + "Content-Type: text/plain; charset=UTF-8\r\n\r\nYes, it is me.\r\n";

  private static jakarta.mail.internet.MimeMessage message() throws Exception {
    return MailHeaders.parse(RAW.getBytes(StandardCharsets.UTF_8));
  }

  private static dev.recoverydesk.mail.reading.Reading reading() throws Exception {
    return ReplyReader.read(message(), Redaction::oneTimeLinks);
  }

  private static Reply reply() {
    return new Reply(
        5L,
        "<m-1@client.example>",
        CASE,
        new EmailAddress("erin@example.com"),
        "Re: hello",
        Reply.MatchedBy.TOKEN,
        "Yes",
        "Yes",
        new java.util.TreeMap<>());
  }

  private static InboundMail stored(Instant receivedAt) {
    var mail =
        new InboundMail(
            "<m-1@client.example>",
            receivedAt,
            "erin@example.com",
            "Re: hello",
            RAW.getBytes(StandardCharsets.UTF_8),
            RAW.length());
    ReflectionTestUtils.setField(mail, "id", 5L);
    return mail;
  }
}
