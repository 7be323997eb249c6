package dev.recoverydesk.mail.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a reply down to what the person wrote this time: everything from the first line that opens a
 * quoted mail ("On … wrote:", "-----Original Message-----", Outlook's "From: … Sent:", Japanese
 * clients' "2026年11月21日(土) 10:00 … <…>:" and "-----元のメッセージ-----") goes, as does a signature after
 * "-- ". Lines quoted with {@code >} are dropped wherever they are, so an answer typed between
 * quoted questions survives while the questions do not.
 */
final class QuoteTrimmer {

  private static final List<Pattern> QUOTE_HEADERS =
      List.of(
          // English clients: Gmail, Apple Mail, Thunderbird ("On <date>, <name> wrote:")
          Pattern.compile("^\\s*On\\b.{0,300}\\bwrote:\\s*$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^\\s*-{2,}\\s*Original Message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "^\\s*-{2,}\\s*Forwarded message\\s*-{2,}\\s*$", Pattern.CASE_INSENSITIVE),
          Pattern.compile("^\\s*_{10,}\\s*$"),
          // Japanese clients
          Pattern.compile("^\\s*-{2,}\\s*元のメッセージ\\s*-{2,}\\s*$"),
          Pattern.compile("^\\s*-{2,}\\s*Original Message\\s*-{2,}\\s*$"),
          Pattern.compile(
              "^.{0,40}\\d{4}年\\s*\\d{1,2}月\\s*\\d{1,2}日.{0,200}(<[^>]+>|さん|様)?.{0,40}[:：]\\s*$"),
          Pattern.compile("^.{0,200}(のメッセージ|が書きました|wrote)[:：]\\s*$"),
          // German and French, common in mixed teams' clients
          Pattern.compile("^\\s*Am\\b.{0,300}\\bschrieb\\b.{0,200}:\\s*$"),
          Pattern.compile("^\\s*Le\\b.{0,300}\\ba écrit\\s*:\\s*$"));

  /** Outlook's header block: a "From:" line followed within a few lines by "Sent:"/"Date:". */
  private static final Pattern OUTLOOK_FROM =
      Pattern.compile("^\\s*\\*?(From|差出人|送信者)\\s*[:：]\\*?\\s*.+$", Pattern.CASE_INSENSITIVE);

  private static final Pattern OUTLOOK_SENT =
      Pattern.compile("^\\s*\\*?(Sent|Date|送信日時|日付)\\s*[:：]\\*?\\s*.+$", Pattern.CASE_INSENSITIVE);

  private static final Pattern SIGNATURE =
      Pattern.compile("^(-- ?|--|—|Sent from my .+|iPhoneから送信|Android(から|端末から)送信.*)$");

  private static final Pattern QUOTED = Pattern.compile("^\\s*(>|＞)");

  private QuoteTrimmer() {}

  static String trim(String text) {
    var lines = text.replace("\r\n", "\n").split("\n", -1);
    int end = lines.length;
    for (int i = 0; i < lines.length; i++) {
      if (opensQuote(lines, i) || SIGNATURE.matcher(lines[i].stripTrailing()).matches()) {
        end = i;
        break;
      }
    }
    var kept = new ArrayList<String>();
    for (int i = 0; i < end; i++) {
      if (!QUOTED.matcher(lines[i]).find()) {
        kept.add(lines[i].stripTrailing());
      }
    }
    return String.join("\n", kept).strip().replaceAll("\n{3,}", "\n\n");
  }

  private static boolean opensQuote(String[] lines, int i) {
    var line = lines[i];
    for (Pattern header : QUOTE_HEADERS) {
      if (header.matcher(line).matches()) {
        return true;
      }
    }
    // A Gmail header line can wrap: "On Sat, 21 Nov 2026 at 10:00, Recovery Desk <" / "…> wrote:"
    if (i + 1 < lines.length
        && line.strip().startsWith("On ")
        && lines[i + 1].strip().endsWith("wrote:")) {
      return true;
    }
    if (OUTLOOK_FROM.matcher(line).matches()) {
      for (int j = i + 1; j < Math.min(lines.length, i + 5); j++) {
        if (OUTLOOK_SENT.matcher(lines[j]).matches()) {
          return true;
        }
      }
    }
    return false;
  }
}
