package dev.recoverydesk.mail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What no answer may end with: the closings, signatures, client footers and quote headers that the
 * reading issue lists, as its examples say them (so that a check does not rest on the reader
 * alone), and what the reader itself takes for one of them.
 */
public final class AnswerEndings {

  private static final List<String> NEVER_AT_THE_END =
      List.of(
          "Thanks, Alice",
          "Best regards, Alice Smith",
          "よろしくお願いいたします。山田",
          "以上、よろしくお願いします。",
          "以上です",
          "よろしくお願いします。",
          "--",
          "━━━━",
          "————",
          "――――",
          "Sent from my iPhone",
          "Sent from Yahoo Mail on Android",
          "Sent with Proton Mail secure email.",
          "Get Outlook for iOS",
          "iOS 版 Outlook を入手",
          "iPhoneから送信",
          "wrote:",
          "さんからのメッセージ ----",
          "-----Original Message-----",
          "________________________________");

  /** What no answer's last line may be: contacts, header fields, attributions, separators. */
  private static final Pattern NEVER_THE_LAST_LINE =
      Pattern.compile(
          "(?:TEL|Tel|Mail|From|Sent|Date|To|Subject|差出人|送信日時|宛先|件名)\\s?[:：].*"
              + "|\\[cid:.*|.*<mailto:.*|.*<[^<>\\s]+@[^<>\\s]+>\\s?[:：]"
              + "|\\d{4}年\\d{1,2}月\\d{1,2}日.*[:：]|-{2,}\\s?.*-{2,}|[━—―─-]{4,}.*");

  private static final Set<LineKind> NEVER_THE_LAST_KIND =
      EnumSet.of(LineKind.SIGN_OFF, LineKind.SIGNATURE, LineKind.FOOTER, LineKind.QUOTE_HEADER);

  private AnswerEndings() {}

  /** Each answer of the mail {@code name} ends with the sender's answer, and nothing after it. */
  public static void assertNothingAfterTheAnswers(String name, Map<Integer, String> answers) {
    answers.forEach(
        (question, answer) -> {
          var lastLine = answer.substring(answer.lastIndexOf('\n') + 1).strip();
          for (String ending : NEVER_AT_THE_END) {
            assertThat(answer).as("%s: answer %d", name, question).doesNotEndWith(ending);
          }
          assertThat(lastLine)
              .as("%s: answer %d", name, question)
              .doesNotMatch(NEVER_THE_LAST_LINE);
          var lines = ReplyReader.read(answer).lines();
          assertThat(lines.get(lines.size() - 1).kind())
              .as("%s: answer %d, its last line as the reader takes it", name, question)
              .isNotIn(NEVER_THE_LAST_KIND);
        });
  }
}
