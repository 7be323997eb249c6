package dev.recoverydesk.verification;

import dev.recoverydesk.common.Language;
import java.util.Optional;

/**
 * One identity question of the contract, from the evidence X's support asks for (seed 002): its
 * number in the questionnaire mail, the points a full answer earns, its words as the mail asks it,
 * and the short name the agents' forms give it, in both languages. The parser, the scorer, the mail
 * templates and the review forms all read the questions from here.
 */
public enum Question {
  EMAIL(
      1,
      25,
      "The email address registered on your account (or one you used recently)",
      "アカウントに登録したメールアドレス（または最近使ったもの）",
      "Email address",
      "メールアドレス"),
  PHONE(2, 20, "The phone number on your account", "アカウントに登録した電話番号", "Phone number", "電話番号"),
  CREATED(
      3,
      15,
      "When you created the account (year and month)",
      "アカウントを作成した時期（年と月）",
      "Account created",
      "アカウント作成時期"),
  POST(
      4,
      15,
      "A recent post of yours (roughly what it said, and when)",
      "最近の投稿（おおよその内容と日付）",
      "A recent post",
      "最近の投稿"),
  FOLLOWING(
      5,
      15,
      "Accounts you follow (up to three)",
      "フォローしているアカウント（3つまで）",
      "Accounts followed",
      "フォロー中のアカウント"),
  DEVICES(
      6,
      10,
      "Devices or browsers you log in with",
      "ログインに使っている端末やブラウザ",
      "Devices or browsers",
      "端末・ブラウザ");

  private final int number;
  private final int points;
  private final String en;
  private final String ja;
  private final String labelEn;
  private final String labelJa;

  Question(int number, int points, String en, String ja, String labelEn, String labelJa) {
    this.number = number;
    this.points = points;
    this.en = en;
    this.ja = ja;
    this.labelEn = labelEn;
    this.labelJa = labelJa;
  }

  /** Where it stands in the mail: the number that starts its line, and its answer's line. */
  public int number() {
    return number;
  }

  /** What a full answer earns; the six add up to {@link Questionnaire#MAX_SCORE}. */
  public int points() {
    return points;
  }

  /** The question as the mail asks it. */
  public String text(Language language) {
    return language == Language.JA ? ja : en;
  }

  /** Its short name, for the agents' forms. */
  public String label(Language language) {
    return language == Language.JA ? labelJa : labelEn;
  }

  /** The question of a number, if there is one. */
  public static Optional<Question> number(int number) {
    return number >= 1 && number <= values().length
        ? Optional.of(values()[number - 1])
        : Optional.empty();
  }
}
