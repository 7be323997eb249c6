package dev.recoverydesk.mail.reading;

/**
 * {@code text/plain; format=flowed} (RFC 3676), as Apple Mail, Thunderbird and K-9 send it: a line
 * that ends in a space goes on in the next line of the same quote depth, a leading space was added
 * only to protect the line ("space-stuffing"), and with {@code DelSp=yes} the space that marks the
 * soft break is not part of the text (Japanese has no spaces between words). The signature
 * separator {@code "-- "} never flows.
 */
final class Flowed {

  private Flowed() {}

  static String unflow(String text, boolean delSp) {
    var lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    var out = new StringBuilder(text.length());
    StringBuilder paragraph = null;
    int paragraphDepth = 0;
    for (String line : lines) {
      int depth = 0;
      while (depth < line.length() && line.charAt(depth) == '>') {
        depth++;
      }
      var content = line.substring(depth);
      if (content.startsWith(" ")) {
        content = content.substring(1);
      }
      boolean signature = content.equals("-- ");
      boolean soft = !signature && content.endsWith(" ");
      if (paragraph != null && depth != paragraphDepth) {
        // A flowed line followed by one of another depth ends there (RFC 3676, 4.5).
        emit(out, paragraphDepth, paragraph);
        paragraph = null;
      }
      if (paragraph == null) {
        paragraph = new StringBuilder();
        paragraphDepth = depth;
      }
      paragraph.append(soft && delSp ? content.substring(0, content.length() - 1) : content);
      if (!soft) {
        emit(out, paragraphDepth, paragraph);
        paragraph = null;
      }
    }
    if (paragraph != null) {
      emit(out, paragraphDepth, paragraph);
    }
    if (out.length() > 0) {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  private static void emit(StringBuilder out, int depth, CharSequence line) {
    if (depth > 0) {
      out.append(">".repeat(depth)).append(' ');
    }
    out.append(line).append('\n');
  }
}
