package dev.recoverydesk.recovery.process;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fixed words of the agents' forms in English and Japanese (the questions' short names are the
 * {@link dev.recoverydesk.verification.Question}s'): the problems, recommendations and decisions,
 * and the reasons the scorer gives for its points. A Japanese form reads the {@code …Ja} columns
 * these fill; anything not listed here is shown as the desk recorded it.
 */
final class ReviewWords {

  private ReviewWords() {}

  private static final Map<String, String> JAPANESE =
      Map.ofEntries(
          // problems
          Map.entry("LOST_BACKUP_CODES", "バックアップコードの紛失"),
          Map.entry("LOST_PHONE", "スマートフォンの紛失"),
          Map.entry("SMS_NOT_DELIVERED", "SMSが届かない"),
          Map.entry("OTHER", "その他"),
          // recommendations and decisions
          Map.entry("APPROVE", "承認"),
          Map.entry("REJECT", "却下"),
          Map.entry("REVIEW", "要検討"),
          Map.entry("MORE_INFO", "追加情報を依頼"),
          // the scorer's reasons
          Map.entry("nothing to compare with", "照合するアカウントがない"),
          Map.entry("not answered", "未回答"),
          Map.entry("the registered address", "登録メールアドレス"),
          Map.entry("an address the account used before", "以前使っていたアドレス"),
          Map.entry("no address on the account", "アカウントにアドレスがない"),
          Map.entry("the account has no phone", "アカウントに電話番号がない"),
          Map.entry("the number on the account", "登録電話番号と一致"),
          Map.entry("the same last four digits only", "下4桁のみ一致"),
          Map.entry("not the number on the account", "登録電話番号と不一致"),
          Map.entry("the creation date is not known", "作成日が不明"),
          Map.entry("the right year only", "年のみ一致"),
          Map.entry("no matching year and month", "年月が一致しない"),
          Map.entry("close to a recent post", "最近の投稿とほぼ一致"),
          Map.entry("somewhat like a recent post", "最近の投稿にやや近い"),
          Map.entry("like no recent post", "最近の投稿と一致しない"),
          Map.entry("a device the account uses", "アカウントが使っている端末"),
          Map.entry("a browser the account uses", "アカウントが使っているブラウザ"),
          Map.entry("no device of the account", "アカウントの端末と一致しない"),
          // what the reader cut from a mail
          Map.entry("quote", "引用"),
          Map.entry("signature", "署名"),
          Map.entry("footer", "フッター"),
          // what the account has on file
          Map.entry("(none)", "（なし）"),
          Map.entry("(unknown)", "（不明）"),
          Map.entry("(no such account)", "（該当するアカウントなし）"));

  private static final Pattern WITHIN_A_MONTH = Pattern.compile("within a month of (.+)");
  private static final Pattern NOT = Pattern.compile("not (\\d{4}-\\d{2})");
  private static final Pattern FOLLOWED = Pattern.compile("(\\d+) followed account\\(s\\) named");
  private static final Pattern EARLIER = Pattern.compile("(.+) and (\\d+) earlier address\\(es\\)");
  private static final Pattern POSTS =
      Pattern.compile("(\\d+) recent post\\(s\\), the latest on (.+)");
  private static final Pattern MORE = Pattern.compile("(.+) \\(\\+(\\d+) more\\)");

  /** The words in Japanese, or as given when this desk has no Japanese for them. */
  static String japanese(String english) {
    if (english == null) {
      return null;
    }
    var fixed = JAPANESE.get(english);
    if (fixed != null) {
      return fixed;
    }
    var match = WITHIN_A_MONTH.matcher(english);
    if (match.matches()) {
      return match.group(1) + " から1か月以内";
    }
    match = NOT.matcher(english);
    if (match.matches()) {
      return match.group(1) + " と一致しない";
    }
    match = FOLLOWED.matcher(english);
    if (match.matches()) {
      return "フォロー中のアカウント " + match.group(1) + " 件が一致";
    }
    match = EARLIER.matcher(english);
    if (match.matches()) {
      return match.group(1) + "（ほかに以前のアドレス " + match.group(2) + " 件）";
    }
    match = POSTS.matcher(english);
    if (match.matches()) {
      return "最近の投稿 " + match.group(1) + " 件（最新は " + match.group(2) + "）";
    }
    match = MORE.matcher(english);
    if (match.matches()) {
      return match.group(1) + "（ほか " + match.group(2) + " 件）";
    }
    return english;
  }
}
