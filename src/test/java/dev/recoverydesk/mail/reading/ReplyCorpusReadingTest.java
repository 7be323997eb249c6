package dev.recoverydesk.mail.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reply of the corpus ({@code src/test/resources/mail/replies/*.eml}, each shaped after what
 * a real client sends), read as the desk reads a stored mail, against what its sender wrote: the
 * answers beside it ({@code .answers.json}) and the text ({@code .text}). No mailbox, no engine.
 * When a mail is read wrong, the failure names each answer expected and read, the text expected and
 * read, and what the reader took each line for.
 */
class ReplyCorpusReadingTest {

  private static final Session SESSION = Session.getInstance(new Properties());

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.recoverydesk.mail.reading.ReplyCorpus#replies")
  void each_reply_is_read_as_its_sender_wrote_it(String name) throws Exception {
    var reading =
        ReplyReader.read(
            new MimeMessage(SESSION, new ByteArrayInputStream(ReplyCorpus.bytes(name + ".eml"))),
            UnaryOperator.identity());
    var expectedAnswers = ReplyCorpus.answers(name);
    var expectedText =
        new String(ReplyCorpus.bytes(name + ".text"), StandardCharsets.UTF_8).strip();

    var report = new StringBuilder();
    for (int question = 1; question <= 6; question++) {
      var expected = expectedAnswers.get(question);
      var actual = reading.answers().get(question);
      if (!java.util.Objects.equals(expected, actual)) {
        report
            .append("answer ")
            .append(question)
            .append(":\n  expected: ")
            .append(shown(expected))
            .append("\n  read:     ")
            .append(shown(actual))
            .append('\n');
      }
    }
    if (!expectedText.equals(reading.text())) {
      report
          .append("text:\n  expected: ")
          .append(shown(expectedText))
          .append("\n  read:     ")
          .append(shown(reading.text()))
          .append('\n');
    }
    if (!report.isEmpty()) {
      report.append("lines as read:\n");
      for (var line : reading.lines()) {
        report.append(
            String.format(
                "  %-13s %s |%s%n", line.kind(), line.own() ? "own" : "   ", line.text()));
      }
      fail(name + " is read wrong\n" + report);
    }
    assertThat(reading.answers()).isEqualTo(expectedAnswers);
    AnswerEndings.assertNothingAfterTheAnswers(name, reading.answers());
  }

  private static String shown(String text) {
    return text == null ? "(none)" : "\"" + text.replace("\n", "\\n") + "\"";
  }
}
