package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyAddress;
import dev.recoverydesk.mail.TriageReason;
import dev.recoverydesk.mail.outbound.SentMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The classify step on the mail corpus ({@code src/test/resources/mail/*.eml}) and on crafted mail,
 * with neither a mail server nor the engine: what the desk signed and sent is played by stubs. The
 * verdict beside each mail is what the step finds; what the case then makes of a match (a wrong
 * sender, a case not waiting) is the deliver step's.
 */
class ClassifierTest {

  private static final EmailAddress SUPPORT = new EmailAddress("support@recovery.local");
  private static final CaseId CASE = new CaseId("RC-7K3M9Q");
  private static final String SIGNED = "support+rc-7k3m9q.abcdefghijklmnop@recovery.local";
  private static final String SENT_ID = "<sent-1@recovery.local>";
  private static final String FROM = "erin@example.com";

  private final Classifier classifier = classifier("mx.recovery.local");

  @ParameterizedTest(name = "{0} is {1} {2}")
  @CsvSource({
    "gmail, MATCHED, TOKEN",
    "apple-mail, MATCHED, TOKEN",
    "thunderbird, MATCHED, TOKEN",
    "outlook-plain, MATCHED, TOKEN",
    "outlook-html, MATCHED, THREAD",
    "html-only, MATCHED, TOKEN",
    "japanese-iso-2022-jp, MATCHED, TOKEN",
    "japanese-shift-jis, MATCHED, TOKEN",
    "other-sender, MATCHED, TOKEN",
    "subject-tag-dmarc-pass, MATCHED, SUBJECT",
    "subject-tag-only, TRIAGE, SUBJECT_TAG_UNAUTHENTICATED",
    "subject-tag-untrusted-pass, TRIAGE, SUBJECT_TAG_UNAUTHENTICATED",
    "forged-token, TRIAGE, FORGED_TOKEN",
    "dsn-bounce, BOUNCE, ",
    "out-of-office, MACHINE, AUTO_SUBMITTED",
    "new-request, NEW_REQUEST, ",
    "new-request-below-a-quote, NEW_REQUEST, ",
    "no-case, NEW_REQUEST, ",
    "no-case-below-a-quote, NEW_REQUEST, "
  })
  void each_mail_of_the_corpus_has_its_verdict(String name, String kind, String detail)
      throws Exception {
    var verdict = classifier.classify(1, MailHeaders.parse(corpus(name)));

    switch (kind) {
      case "MATCHED" ->
          assertThat(verdict).isEqualTo(new Verdict.Matched(CASE, Reply.MatchedBy.valueOf(detail)));
      case "TRIAGE" -> {
        var reason = TriageReason.valueOf(detail);
        var named = reason == TriageReason.SUBJECT_TAG_UNAUTHENTICATED ? CASE : null;
        assertThat(verdict).isEqualTo(new Verdict.Triage(reason, named));
      }
      case "BOUNCE" -> {
        assertThat(verdict).isInstanceOf(Verdict.Bounce.class);
        var report = ((Verdict.Bounce) verdict).report();
        assertThat(report.bounceKey()).isEqualTo("k3y");
        assertThat(report.permanent()).isTrue();
      }
      case "MACHINE" ->
          assertThat(verdict).isEqualTo(new Verdict.Machine(MachineMail.Kind.valueOf(detail)));
      case "NEW_REQUEST" -> assertThat(verdict).isEqualTo(new Verdict.NewRequest());
      default -> throw new IllegalArgumentException(kind);
    }
    assertThat(verdict.readsText()).isEqualTo(!kind.equals("BOUNCE") && !kind.equals("MACHINE"));
  }

  @Test
  void a_forged_token_is_not_rescued_by_a_signed_address_or_the_thread() throws Exception {
    var mail =
        mail(
            "From: " + FROM,
            "To: " + SIGNED + ", support+rc-7k3m9q.aaaaaaaaaaaaaaaa@recovery.local",
            "In-Reply-To: " + SENT_ID,
            "Subject: Re: " + CASE.tag());

    assertThat(classifier.classify(1, mail))
        .isEqualTo(new Verdict.Triage(TriageReason.FORGED_TOKEN));
  }

  @Test
  void mail_without_a_sender_goes_to_triage() throws Exception {
    var mail = mail("To: " + SIGNED, "Subject: Re: hello");

    assertThat(classifier.classify(1, mail)).isEqualTo(new Verdict.Triage(TriageReason.NO_SENDER));
  }

  @Test
  void mail_nested_too_deep_goes_to_triage_before_anything_else_is_read() throws Exception {
    var mail = MailHeaders.parse(RedactionTest.nested(MailLimits.MAX_DEPTH + 1, "it is me"));

    assertThat(classifier.classify(1, mail)).isEqualTo(new Verdict.Triage(TriageReason.TOO_DEEP));
  }

  @Test
  void the_subject_tag_counts_only_with_a_server_the_desk_trusts() throws Exception {
    var raw = corpus("subject-tag-dmarc-pass");

    assertThat(classifier("mx.other.example").classify(1, MailHeaders.parse(raw)))
        .isEqualTo(new Verdict.Triage(TriageReason.SUBJECT_TAG_UNAUTHENTICATED, CASE));
  }

  @Test
  void a_thread_of_a_sent_mail_without_a_case_names_none() throws Exception {
    var sent = mock(SentMail.class);
    when(sent.findAny(anyCollection()))
        .thenReturn(Optional.of(new SentMail.Sent(SENT_ID, null, new EmailAddress(FROM), null)));
    var mail = mail("From: " + FROM, "To: " + SUPPORT.value(), "In-Reply-To: " + SENT_ID);

    assertThat(
            new Classifier(SUPPORT, replyAddress(), sent, new SenderAuthentication(List.of()))
                .classify(1, mail))
        .isEqualTo(new Verdict.NewRequest());
  }

  private static Classifier classifier(String trustedServer) {
    var sent = mock(SentMail.class);
    when(sent.findAny(anyCollection()))
        .thenAnswer(
            call ->
                ((Collection<?>) call.getArgument(0)).contains(SENT_ID)
                    ? Optional.of(new SentMail.Sent(SENT_ID, CASE, new EmailAddress(FROM), null))
                    : Optional.empty());
    return new Classifier(
        SUPPORT, replyAddress(), sent, new SenderAuthentication(List.of(trustedServer)));
  }

  /** The desk's signature on {@link #SIGNED} only; any other token of ours is forged. */
  private static ReplyAddress replyAddress() {
    var replyAddress = mock(ReplyAddress.class);
    when(replyAddress.read(any()))
        .thenAnswer(
            call -> {
              EmailAddress to = call.getArgument(0);
              if (to.value().equals(SIGNED)) {
                return new ReplyAddress.Signed(CASE);
              }
              return to.localPart().startsWith("support+")
                  ? new ReplyAddress.Forged(to.localPart())
                  : new ReplyAddress.NoToken();
            });
    return replyAddress;
  }

  private static jakarta.mail.internet.MimeMessage mail(String... headers) throws Exception {
    var raw =
        String.join("\r\n", headers)
            + "\r\nMessage-ID: <m-1@client.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\nIt is me.\r\n";
    return MailHeaders.parse(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** A mail of the corpus, its placeholders filled as a reply to {@link #SENT_ID} would have. */
  static byte[] corpus(String name) throws IOException {
    byte[] raw;
    try (var in = new ClassPathResource("mail/" + name + ".eml").getInputStream()) {
      raw = in.readAllBytes();
    }
    var text = new String(raw, StandardCharsets.ISO_8859_1);
    for (var value :
        Map.of(
                "{{FROM}}",
                FROM,
                "{{TO}}",
                SIGNED,
                "{{CASE_TAG}}",
                CASE.tag(),
                "{{CASE_LOWER}}",
                "rc-7k3m9q",
                "{{IN_REPLY_TO}}",
                SENT_ID,
                "{{MESSAGE_ID}}",
                "<m-1@client.example>",
                "{{BOUNCE_KEY}}",
                "k3y",
                "{{USERNAME}}",
                "new_user")
            .entrySet()) {
      text = text.replace(value.getKey(), value.getValue());
    }
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
