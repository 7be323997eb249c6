package dev.recoverydesk.mail.reading;

import java.util.regex.Pattern;

/**
 * What a client's conversion of a mail to text leaves that nobody wrote, taken away: an address or
 * link repeated as its target ({@code <mailto:…>}), an image's {@code [cid:…]} placeholder, and the
 * white space at the end of each line.
 */
final class ClientLeftovers {

  /** An inline image's placeholder, as Outlook and Gmail write it in the text part. */
  private static final Pattern CID = Pattern.compile("\\[cid:[^\\]\\s]{1,300}\\]");

  private ClientLeftovers() {}

  /**
   * Line breaks as {@code \n}, no-break spaces as spaces, no white space at the end of a line, and
   * none of what a client's conversion to text leaves that nobody wrote.
   */
  static String clean(String text) {
    var lines =
        text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ').split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (line.indexOf("[cid:") >= 0) {
        line = CID.matcher(line).replaceAll("");
      }
      if (line.indexOf("<mailto:") >= 0 || line.indexOf("<http") >= 0) {
        line = withoutRepeatedLinks(line);
      }
      lines[i] = line.stripTrailing();
    }
    return String.join("\n", lines).strip();
  }

  /**
   * Outlook writes a link's target after its text: {@code
   * alice@example.com<mailto:alice@example.com>}, {@code https://x.example<https://x.example>}. The
   * target goes when the text before it says the same thing (an address, or the link itself); a
   * link behind other words keeps its target.
   */
  static String withoutRepeatedLinks(String line) {
    var out = new StringBuilder(line.length());
    int from = 0;
    int open;
    while ((open = line.indexOf('<', from)) >= 0) {
      boolean mailto = line.regionMatches(true, open + 1, "mailto:", 0, 7);
      int close = mailto || line.startsWith("http", open + 1) ? end(line, open + 1) : -1;
      if (close < 0) {
        out.append(line, from, open + 1);
        from = open + 1;
        continue;
      }
      out.append(line, from, open);
      var shown = line.substring(open + 1 + (mailto ? 7 : 0), close);
      if (!endsWith(out, shown)) {
        out.append(line, open, close + 1);
      }
      from = close + 1;
    }
    return out.append(line, from, line.length()).toString();
  }

  /** Where a link's {@code >} stands: before any white space or {@code <}, within 2,048 chars. */
  private static int end(String line, int from) {
    int limit = Math.min(line.length(), from + 2_048);
    for (int i = from; i < limit; i++) {
      char c = line.charAt(i);
      if (c == '>') {
        return i;
      }
      if (c == '<' || Character.isWhitespace(c)) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean endsWith(StringBuilder text, String shown) {
    var wanted = shown.endsWith("/") ? shown.substring(0, shown.length() - 1) : shown;
    int length =
        text.length() > 0 && text.charAt(text.length() - 1) == '/'
            ? text.length() - 1
            : text.length();
    if (wanted.isEmpty() || length < wanted.length()) {
      return false;
    }
    return text.substring(length - wanted.length(), length).equalsIgnoreCase(wanted);
  }
}
