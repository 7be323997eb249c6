package dev.recoverydesk.recovery.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.CaseSteps;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.mail.reading.AnswerEndings;
import dev.recoverydesk.mail.reading.ReplyCorpus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The replies of the corpus that its index marks {@code endToEnd} ({@code mail/replies/}) through
 * the whole desk: the questionnaire sent over real SMTP, the reply (its bytes as its client wrote
 * them, addressed to this case) fetched over IMAP, read and correlated by the engine, and its
 * answers as {@code GET /api/recovery-cases/{id}} returns them: those beside the mail, none ending
 * with a closing, a signature, a footer or a quote header.
 */
class CorpusRepliesEndToEndTest extends IntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.recoverydesk.mail.reading.ReplyCorpus#endToEnd")
  void answers_read_from_a_real_client_reply_are_the_case_answers(String name) throws Exception {
    var username = "corpus_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    var contact = username + "@example.net";
    accounts.save(
        new Account(
            username,
            "Corpus",
            new EmailAddress(contact),
            List.of(),
            new PhoneNumber("+819012345678"),
            "docomo",
            "ja",
            LocalDate.of(2019, 4, 1),
            new Account.TwoFactor(true, false, false),
            List.of(),
            List.of(),
            List.of("bob")));
    var api = new ApiClient(port);
    var opened =
        api.post(
            "/api/recovery-requests",
            null,
            JSON.writeValueAsString(
                Map.of("username", username, "contactEmail", contact, "problem", "OTHER")));
    var caseId = JSON.readTree(opened.body()).get("caseId").asText();
    var steps = new CaseSteps(processEngine);
    CaseJobs.runJob(processEngine, caseId, "send-questionnaire");
    var questionnaire = mail().awaitMail(contact, message -> true);
    var replyTo = questionnaire.getHeader("Reply-To")[0].replaceAll(".*<|>.*", "");

    mail()
        .sendRaw(
            addressed(
                ReplyCorpus.bytes(name + ".eml"), contact, replyTo, questionnaire.getMessageID()),
            replyTo);

    await().atMost(Duration.ofSeconds(20)).until(() -> steps.waitsAt(caseId, "score-answers"));
    var read = JSON.readTree(api.get("/api/recovery-cases/" + caseId, "agent:agent").body());
    Map<Integer, String> answers = new TreeMap<>();
    read.get("answers")
        .fields()
        .forEachRemaining(e -> answers.put(Integer.valueOf(e.getKey()), e.getValue().asText()));

    assertThat(answers).as(name).isEqualTo(ReplyCorpus.answers(name));
    AnswerEndings.assertNothingAfterTheAnswers(name, answers);
  }

  /**
   * The corpus mail, its bytes kept, but from this case's contact address to this case's reply
   * address, in reply to the questionnaire sent: only its envelope headers change.
   */
  private static byte[] addressed(byte[] raw, String from, String to, String inReplyTo) {
    var text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    var headers = text.substring(0, end);
    headers =
        headers
            .replaceAll("(?m)^From: (.*<)?[^<>\\s]+@[^<>\\s]+(>?)$", "From: $1" + from + "$2")
            .replaceAll("(?m)^To: .*$", "To: <" + to + ">")
            .replaceAll("(?m)^In-Reply-To: .*$", "In-Reply-To: " + inReplyTo)
            .replaceAll("(?m)^References: .*$", "References: " + inReplyTo)
            .replaceAll(
                "(?mi)^Message-ID: .*$", "Message-ID: <" + UUID.randomUUID() + "@corpus.example>");
    return (headers + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
  }
}
