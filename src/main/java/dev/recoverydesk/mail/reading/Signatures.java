package dev.recoverydesk.mail.reading;

import java.util.regex.Pattern;

/**
 * The lines of a signature: the delimiter {@code "-- "} (RFC 3676; its space is gone once trailing
 * white space is), rules of dashes or box-drawing characters ({@code ━━━━}, {@code ————}, {@code
 * ――――}, {@code ＝＝＝＝}) alone or around a name, and the lines of a company block: company,
 * department, {@code TEL:}, {@code Mail:}, an address, a web site.
 */
final class Signatures {

  private static final int MAX_LINE = 200;

  /** The delimiter that always starts a signature. */
  private static final Pattern DELIMITER = Pattern.compile("--|-- |—|__|– ?");

  /** A rule: only dashes, bars, box-drawing and similar characters, at least four. */
  private static final Pattern RULE =
      Pattern.compile("[-_=*~～─━―—–－ー＝＿＊#・+.:︙┈┄┅┉═◆◇■□●○★☆※ ]{4,200}");

  /** The characters a rule may start with, looked at before any pattern. */
  private static final String RULE_START = "-_=*~～─━―—–－ー＝＿＊#・+.:︙┈┄┅┉═◆◇■□●○★☆※";

  private static final String RULE_CHARS = "[-_=*~～─━―—–－ー＝＿＊#═◆◇■□●○★☆]";

  /** A name between rules: "━━━━ 山田 太郎 ━━━━", "-- Alice --". */
  private static final Pattern RULED_NAME =
      Pattern.compile(
          RULE_CHARS + "{2,60}\\s?[^-_=*~～─━―—–－ー＝＿＊#═]{1,40}?\\s?" + RULE_CHARS + "{2,60}");

  /** A line of a company block: a contact, a phone number or an address alone, a web site. */
  private static final Pattern CONTACT =
      Pattern.compile(
          "(?:tel|phone|mobile|mob|cell|fax|mail|e-mail|email|web|url|address|skype|line|携帯電話"
              + "|電話|携帯|ＴＥＬ|ＦＡＸ|Ｍａｉｌ|メール|ﾒｰﾙ|住所|ＵＲＬ|直通|内線)"
              + "\\s?(?:[.:：)）/]|\\s(?=[+0-9０-９]))\\s?.{1,190}"
              + "|\\+?[0-9０-９][0-9０-９()\\-－ ]{6,20}[0-9０-９]"
              + "|https?://\\S{1,190}|www\\.\\S{1,190}"
              + "|〒\\s?[0-9０-９]{3}.{0,190}",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** A company or a department line. */
  private static final Pattern COMPANY =
      Pattern.compile(
          ".{0,100}(?:株式会社|有限会社|合同会社|（株）|\\(株\\)|㈱"
              + "|\\b(?:Inc|Ltd|LLC|GmbH|Corp|Co|K\\.K|S\\.A|B\\.V|S\\.r\\.l)\\b\\.?).{0,100}"
              + "|[^。、！？!?]{1,40}(?:部|課|室|グループ|事業部|本部|支店|営業所)"
              + "|.{0,60}\\b(?:Department|Dept|Division)\\b.{0,60}",
          Pattern.UNICODE_CASE);

  private static final Pattern PHONE_ONLY =
      Pattern.compile("\\+?[0-9０-９][0-9０-９()\\-－ ]{6,20}[0-9０-９]");

  private Signatures() {}

  /** A phone number alone, which an answer may be too. */
  static boolean phoneOnly(String line) {
    var strip = line.strip();
    return strip.length() <= 30 && PHONE_ONLY.matcher(strip).matches();
  }

  /** {@code "-- "} and its look-alikes: what follows is a signature. */
  static boolean delimiter(String line) {
    var strip = line.strip();
    return strip.length() <= 3 && DELIMITER.matcher(strip).matches();
  }

  /** A rule line, which may open (and close) a signature, or only separate the user's words. */
  static boolean rule(String line) {
    var strip = line.strip();
    return strip.length() >= 4
        && strip.length() <= MAX_LINE
        && RULE_START.indexOf(strip.charAt(0)) >= 0
        && RULE.matcher(strip).matches()
        && strip.chars().filter(c -> c != ' ').count() >= 4;
  }

  /** A name between rules, which opens a signature. */
  static boolean ruledName(String line) {
    var strip = line.strip();
    return strip.length() >= 5
        && strip.length() <= MAX_LINE
        && RULE_START.indexOf(strip.charAt(0)) >= 0
        && RULED_NAME.matcher(strip).matches();
  }

  /** A line that only a signature holds: contacts, a company, a department. */
  static boolean signatureLine(String line) {
    var strip = line.strip();
    if (strip.isEmpty() || strip.length() > MAX_LINE) {
      return false;
    }
    return CONTACT.matcher(strip).matches() || COMPANY.matcher(strip).matches();
  }
}
