package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.inbound.MailLimits;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Text bytes to characters, with what Japanese mail needs besides the JDK's decoders.
 *
 * <p>Mail labelled {@code Shift_JIS} or {@code ISO-2022-JP} is mostly written by Windows, Outlook,
 * Becky! and the carriers' phones in Microsoft's code page 932, which adds characters people type
 * every day (①, ㈱, Ⅲ, 髙, 﨑) that the JDK's strict JIS X 0208 decoders turn into {@code U+FFFD}. It
 * is read with the code page 932 decoders ({@code windows-31j}, {@code x-windows-iso2022jp}), and
 * {@code EUC-JP} with {@code x-eucJP-Open}, which knows the same extensions.
 *
 * <p>Six characters have one code in JIS X 0208 and in code page 932 but two meanings in Unicode:
 * {@code ～ － ‖ ¢ £ ¬} are {@code U+FF5E U+FF0D U+2225 U+FFE0 U+FFE1 U+FFE2} as Windows, Outlook,
 * Becky! and the carriers mean them, {@code U+301C U+2212 U+2016 U+00A2 U+00A3 U+00AC} as Apple's
 * Mail (macOS, iPhone, iPad), Thunderbird and Unix mailers do. The text gets the characters its
 * sender typed: the forms of the client named in {@code X-Mailer} or {@code User-Agent}, else those
 * of the label's usual writers (code page 932 for Shift_JIS and ISO-2022-JP, JIS for EUC-JP).
 */
final class JapaneseCharsets {

  private static final Set<String> SHIFT_JIS =
      Set.of(
          "shift_jis",
          "shift-jis",
          "sjis",
          "x-sjis",
          "ms_kanji",
          "csshiftjis",
          "windows-31j",
          "cp932",
          "ms932",
          "x-ms-cp932",
          "csWindows31J".toLowerCase(Locale.ROOT));
  private static final Set<String> ISO_2022_JP =
      Set.of(
          "iso-2022-jp",
          "csiso2022jp",
          "iso2022jp",
          "iso-2022-jp-1",
          "x-windows-iso2022jp",
          "cp50220",
          "cp50221",
          "cp50222");
  private static final Set<String> EUC_JP =
      Set.of("euc-jp", "x-euc-jp", "eucjp", "cseucpkdfmtjapanese", "cp51932", "eucjp-ms");

  private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
  private static final Charset WINDOWS_ISO_2022_JP = Charset.forName("x-windows-iso2022jp");
  private static final Charset EUC_JP_OPEN = Charset.forName("x-eucJP-Open");

  /** The six characters as code page 932 decodes them, and as JIS X 0208 does, pair by pair. */
  private static final String CP932_FORMS = "\uFF5E\uFF0D\u2225\uFFE0\uFFE1\uFFE2";

  private static final String JIS_FORMS = "\u301C\u2212\u2016\u00A2\u00A3\u00AC";

  private JapaneseCharsets() {}

  /** Which of the six forms a mail's client writes, as far as its headers tell. */
  enum Client {
    CP932,
    JIS,
    UNKNOWN;

    static Client of(Part message) {
      var named = new StringBuilder();
      for (String header : new String[] {"X-Mailer", "User-Agent", "X-Newsreader"}) {
        try {
          var values = message.getHeader(header);
          if (values != null) {
            for (String value : values) {
              named.append(MailLimits.cut(value, 1_000)).append(' ');
            }
          }
        } catch (MessagingException unreadable) {
          // A header that cannot be read names no client.
        }
      }
      var lower = named.toString().toLowerCase(Locale.ROOT);
      if (lower.contains("apple mail")
          || lower.contains("iphone mail")
          || lower.contains("ipad mail")
          || lower.contains("thunderbird")
          || lower.contains("mutt")
          || lower.contains("sylpheed")
          || lower.contains("claws")
          || lower.contains("evolution")) {
        return JIS;
      }
      if (lower.contains("microsoft")
          || lower.contains("outlook")
          || lower.contains("becky")
          || lower.contains("windows live")
          || lower.contains("shuriken")
          || lower.contains("datula")
          || lower.contains("edmax")) {
        return CP932;
      }
      return UNKNOWN;
    }
  }

  /** The bytes of a text part as its sender wrote them; UTF-8 when the charset is unknown. */
  static String decode(byte[] bytes, String label, Client client) {
    var name = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
    if (SHIFT_JIS.contains(name)) {
      return forms(new String(bytes, WINDOWS_31J), client == Client.JIS);
    }
    if (ISO_2022_JP.contains(name)) {
      return forms(new String(bytes, WINDOWS_ISO_2022_JP), client == Client.JIS);
    }
    if (EUC_JP.contains(name)) {
      return forms(new String(bytes, EUC_JP_OPEN), client != Client.CP932);
    }
    return new String(bytes, charset(label));
  }

  /** The six characters in the forms of code page 932, or of JIS X 0208 when {@code jis}. */
  static String forms(String text, boolean jis) {
    var from = jis ? CP932_FORMS : JIS_FORMS;
    var to = jis ? JIS_FORMS : CP932_FORMS;
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      int index = from.indexOf(text.charAt(i));
      if (index >= 0) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, to.charAt(index));
      }
    }
    return out == null ? text : out.toString();
  }

  private static Charset charset(String name) {
    if (name == null || name.isBlank()) {
      return StandardCharsets.UTF_8;
    }
    for (var candidate : new String[] {MimeUtility.javaCharset(name), name}) {
      try {
        return Charset.forName(candidate);
      } catch (RuntimeException unknown) {
        // Try the next spelling.
      }
    }
    return StandardCharsets.UTF_8;
  }
}
