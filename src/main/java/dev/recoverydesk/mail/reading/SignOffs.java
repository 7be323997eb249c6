package dev.recoverydesk.mail.reading;

import java.util.regex.Pattern;

/**
 * Closings: "Thanks", "Thanks, Alice", "Best regards, Alice Smith", "よろしくお願いいたします。山田",
 * "以上、よろしくお願いします。", "以上です", and their kind in the desk's other languages. A closing is a whole
 * line, with at most a name after it; "Thanks for the birthday wishes, everyone" is a post, not a
 * closing.
 */
final class SignOffs {

  private static final int MAX_LINE = 120;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  /**
   * A name after a closing: up to three words that each start with a capital, or a short CJK name.
   */
  private static final String NAME =
      "(?:[,，、.!！]?\\s{0,3}(?:[-–—~]\\s?)?(?:\\p{Lu}[\\p{L}.'’-]{0,30}(?:\\s\\p{Lu}[\\p{L}.'’-]{0,30}){0,2}"
          + "|[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]{1,8}(?:\\s[\\p{IsHan}\\p{IsHiragana}"
          + "\\p{IsKatakana}]{1,8})?))?";

  private static final String END = "[\\s,，、.。!！~～]{0,3}";

  private static final Pattern CLOSING =
      Pattern.compile(
          "(?:(?:many |big |huge )?thanks?(?: (?:a lot|so much|very much|again|in advance|a million"
              + "|for (?:your|the) (?:help|time|support|reply|quick reply|assistance)))?"
              + "|thank you(?: (?:so much|very much|again|in advance|kindly"
              + "|for (?:your|the) (?:help|time|support|reply|quick reply|assistance)))?"
              + "|thx|tks|ty|cheers|best|best wishes|all the best|take care"
              + "|(?:kind|warm|warmest|best|many|with kind|with best) regards|regards|rgds|br|kr"
              + "|(?:yours )?sincerely(?: yours)?|yours(?: truly| faithfully)?|cordially|respectfully"
              // de, fr, es, pt, it, nl
              + "|(?:mit )?(?:freundlichen|besten|herzlichen|lieben|viele|liebe|beste|schöne) grüßen?"
              + "|(?:mit )?freundlichen grüssen|viele grüsse|liebe grüsse|grüße|gruß|grüsse|gruss|mfg"
              + "|lg|vg|danke(?: schön| sehr)?|vielen dank"
              + "|(?:bien )?cordialement|bien à vous|salutations(?: distinguées)?|merci(?: beaucoup)?"
              + "|(?:un )?saludos?(?: cordiales)?|atentamente|(?:muchas )?gracias"
              + "|atenciosamente|obrigad[oa]|abraços?|cumprimentos|um abraço"
              + "|(?:cordiali |distinti )?saluti|grazie(?: mille)?|un saluto"
              + "|met vriendelijke groet(?:en)?|(?:vriendelijke )?groet(?:en|jes)?|bedankt|mvg"
              // ru, pl, sv, da, no
              + "|с уважением|спасибо(?: большое)?|с наилучшими пожеланиями|всего доброго"
              + "|pozdrawiam(?: serdecznie)?|z poważaniem|dziękuję|dzięki"
              + "|(?:med )?vänliga hälsningar|hälsningar|mvh|tack(?: så mycket)?"
              + "|(?:med )?venlig hilsen|(?:med )?vennlig hilsen|hilsen|tak|takk"
              // zh, ko
              + "|谢谢|謝謝|此致敬礼|此致|祝好|감사합니다|고맙습니다|수고하세요)"
              + END
              + NAME
              + END,
          FLAGS);

  private static final Pattern JAPANESE =
      Pattern.compile(
          "(?:以上(?:です|になります|となります|、|。|,|\\s)?\\s?)?"
              + "(?:(?:どうぞ|何卒|なにとぞ|引き続き|お手数(?:ですが|をおかけしますが|おかけしますが)"
              + "|ご確認の(?:程|ほど)|ご対応の(?:程|ほど)|お忙しいところ(?:恐縮ですが|すみませんが)?"
              + "|大変お手数ですが|恐れ入りますが|すみませんが)[、,]?\\s?){0,3}"
              + "(?:(?:よろしく|宜しく)(?:お願い|御願い)(?:いたし|致し|し|申し上げ)ます"
              + "|ありがとうございます|ありがとうございました|お願いします|お願いいたします|お願い致します"
              + "|失礼(?:いた|致)?します|敬具|草々)"
              + END
              + NAME
              + END
              + "|以上(?:です|になります|となります)?"
              + END
              + NAME
              + END);

  private SignOffs() {}

  /** A line that closes the mail, with or without the sender's name after it. */
  static boolean closing(String line) {
    var strip = line.strip();
    if (strip.isEmpty() || strip.length() > MAX_LINE) {
      return false;
    }
    if (strip.charAt(0) >= 0x3000) {
      return JAPANESE.matcher(strip).matches() || CLOSING.matcher(strip).matches();
    }
    return Character.isLetter(strip.charAt(0)) && CLOSING.matcher(strip).matches();
  }

  /**
   * Where a closing starts at the end of an answer typed on one line ("iPhone 15。以上です。"), after the
   * end of a sentence or a wide space; -1 when the line does not end with one.
   */
  static int trailingClosing(String line) {
    for (int i = Math.max(1, line.length() - MAX_LINE); i < line.length(); i++) {
      char before = line.charAt(i - 1);
      boolean wideSpace = before == ' ' && i >= 2 && line.charAt(i - 2) == ' ';
      // Japanese closes after one space too: "iPhone 15 以上です。"
      boolean beforeJapanese =
          before == ' '
              && Character.UnicodeScript.of(line.codePointAt(i)) != Character.UnicodeScript.LATIN
              && Character.isLetter(line.codePointAt(i));
      if ("。．.!！　".indexOf(before) >= 0 || wideSpace || beforeJapanese) {
        var rest = line.substring(i);
        if (!rest.isBlank() && closing(rest) && !line.substring(0, i).isBlank()) {
          return i;
        }
      }
    }
    return -1;
  }
}
