package dev.recoverydesk.mail.reading;

import java.util.regex.Pattern;

/**
 * What a client adds under the words: "Sent from my iPhone", "Sent from Yahoo Mail on Android",
 * "Sent with Proton Mail secure email.", "Get Outlook for iOS", "iOS 版 Outlook を入手", "iPhoneから送信",
 * their translations, and the tracker glyph {@code ᐧ} that Gmail extensions leave. A footer is a
 * whole line naming a device or an app: "Sent from my desk, is much easier…" is the user's
 * sentence.
 */
final class Footers {

  private static final int MAX_LINE = 120;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  /** A device or app name: up to four words, no comma, no sentence after it. */
  private static final String DEVICE =
      "[\\p{L}\\p{N}][\\p{L}\\p{N}®™'’()&+._-]{0,25}(?: [\\p{L}\\p{N}®™'’()&+._-]{1,25}){0,3}";

  private static final String ON =
      "(?: (?:on|for|para|pour|für|per|voor|på|för|dla|для) " + DEVICE + ")?";

  private static final Pattern FOOTER =
      Pattern.compile(
          "(?:sent (?:from|with|via|using) (?:my )?"
              + DEVICE
              + "|sent from (?:yahoo mail|outlook|mail for windows|gmail|proton ?mail|aol|zoho mail)"
              + ON
              + "|sent with proton ?mail(?: secure email)?"
              + "|(?:get|download) outlook for (?:ios|android)"
              + "|outlook for (?:ios|android)"
              // de
              + "|(?:von meinem|gesendet von meinem|gesendet mit meinem|gesendet vom) "
              + DEVICE
              + "(?: gesendet)?"
              + "|gesendet (?:von|mit) (?:yahoo mail|outlook|proton mail|der .{1,40} app)"
              + ON
              + "|outlook für (?:ios|android) (?:beziehen|herunterladen)"
              // fr, es, pt, it, nl
              + "|envoyé (?:de|depuis|avec) (?:mon |ma )?"
              + DEVICE
              + "|obtenir outlook pour (?:ios|android)|télécharger outlook pour (?:ios|android)"
              + "|enviado (?:desde|con|do|da|pelo|pela|de) (?:mi |meu |minha |o |a )?"
              + DEVICE
              + "|obtener outlook para (?:ios|android)|obter o outlook para (?:ios|android)"
              + "|inviato (?:da|dal|dal mio|con) (?:mio )?"
              + DEVICE
              + "|scarica outlook per (?:ios|android)"
              + "|(?:verzonden|verstuurd) (?:vanaf|met|van) (?:mijn )?"
              + DEVICE
              + "|outlook voor (?:ios|android) downloaden"
              // ru, pl, sv, da, no
              + "|отправлено (?:с|из|через) (?:моего |моей )?"
              + DEVICE
              + "|(?:wysłane|wysłano) (?:z|ze|przez) (?:mojego |mojej )?"
              + DEVICE
              + "|skickat från (?:min |mitt )?"
              + DEVICE
              + "|sendt fra (?:min |mit |mitt )?"
              + DEVICE
              + "|hent outlook til (?:ios|android)|skaffa outlook för (?:ios|android))"
              + "[.!]?",
          FLAGS);

  private static final Pattern CJK =
      Pattern.compile(
          "(?:[\\p{L}\\p{N} !！._-]{1,30}から送信"
              + "|(?:ios|android)\\s?版\\s?outlook\\s?を入手"
              + "|outlook for (?:ios|android) を入手"
              + "|(?:发自|發自|来自|來自)我的\\s?[\\p{L}\\p{N} ._-]{1,30}"
              + "|从我的\\s?[\\p{L}\\p{N} ._-]{1,30}(?:发送|發送)"
              + "|從我的\\s?[\\p{L}\\p{N} ._-]{1,30}(?:傳送|发送|發送)"
              + "|(?:获取|獲取|取得)\\s?(?:ios|android)\\s?版\\s?outlook"
              + "|[\\p{L}\\p{N} ._-]{1,30}에서 보냄"
              + "|(?:ios|android)용 outlook 다운로드)[。.]?",
          FLAGS);

  /** The link Outlook writes in its own footer: "Get Outlook for iOS<https://aka.ms/o0ukef>". */
  private static final Pattern LINK_AFTER = Pattern.compile("<https?://[^<>\\s]{1,200}>");

  /** The glyph a Gmail tracker extension leaves alone on a line. */
  static final char TRACKER = '\u1427';

  private Footers() {}

  static boolean footer(String line) {
    if (line.length() > 2 * MAX_LINE + 200) {
      return false;
    }
    var strip = LINK_AFTER.matcher(line).replaceAll("").strip();
    if (strip.isEmpty() || strip.length() > MAX_LINE) {
      return false;
    }
    if (strip.chars().allMatch(c -> c == TRACKER || c == ' ')) {
      return true;
    }
    if (strip.length() < 6) {
      // No client writes a shorter footer.
      return false;
    }
    return FOOTER.matcher(strip).matches() || CJK.matcher(strip).matches();
  }
}
