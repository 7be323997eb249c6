package dev.recoverydesk.verification;

import dev.recoverydesk.common.Language;
import java.util.List;

/**
 * The questionnaire of the contract: the {@link Question}s in their order, each starting its own
 * line with its number in the questionnaire mail, and the line that closes them.
 */
public final class Questionnaire {

  /** The questions in the order the mail asks them, numbered from 1. */
  public static final List<Question> QUESTIONS = List.of(Question.values());

  /** The best score: every question answered in full. */
  public static final int MAX_SCORE = QUESTIONS.stream().mapToInt(Question::points).sum();

  private Questionnaire() {}

  /** The questions as the mail shows them, one line each: {@code 3. When you created …}. */
  public static List<String> lines(Language language) {
    return QUESTIONS.stream().map(q -> q.number() + ". " + q.text(language)).toList();
  }

  /** The line that closes the questions in the mail, so the parser knows where answers end. */
  public static String end(Language language) {
    return language == Language.JA ? "（質問はここまで）" : "(End of questions)";
  }
}
