package dev.recoverydesk.verification;

import java.util.List;
import java.util.Map;

/**
 * The identity questions of the contract, in their order, from the evidence X's support asks for
 * (seed 002): each starts its own line with its number in the questionnaire mail.
 */
public final class Questionnaire {

  /** A question in both languages. */
  public record Question(int number, String en, String ja) {

    public String text(String language) {
      return "ja".equals(language) ? ja : en;
    }
  }

  public static final List<Question> QUESTIONS =
      List.of(
          new Question(
              1,
              "The email address registered on your account (or one you used recently)",
              "アカウントに登録したメールアドレス（または最近使ったもの）"),
          new Question(2, "The phone number on your account", "アカウントに登録した電話番号"),
          new Question(3, "When you created the account (year and month)", "アカウントを作成した時期（年と月）"),
          new Question(
              4, "A recent post of yours (roughly what it said, and when)", "最近の投稿（おおよその内容と日付）"),
          new Question(5, "Accounts you follow (up to three)", "フォローしているアカウント（3つまで）"),
          new Question(6, "Devices or browsers you log in with", "ログインに使っている端末やブラウザ"));

  /** The line that closes the questions in the mail, so the parser knows where answers end. */
  public static final Map<String, String> END =
      Map.of("en", "(End of questions)", "ja", "（質問はここまで）");

  private Questionnaire() {}
}
