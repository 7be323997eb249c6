package dev.recoverydesk.mail.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The text a person wrote, from whatever a mail client sent: the {@code text/plain} part when there
 * is one, else the HTML turned into text with its line breaks, in any charset the JDK knows
 * (ISO-2022-JP and Shift_JIS included). Attachments are not read.
 *
 * <p>Read within {@link MailLimits}: no deeper than its MIME depth, at most its characters of HTML
 * and of text, each line without the white space that ends it (which nobody reads, and on which a
 * pattern ending in {@code \s*$} would have to backtrack).
 */
final class ReplyText {

  // Compiled once: an HTML mail has a text node between every two tags.
  private static final Pattern WHITE_SPACE = Pattern.compile("[\\r\\n\\t ]+");

  private ReplyText() {}

  static String of(Part message) throws MessagingException, IOException {
    var plain = find(message, "text/plain", 0, MailLimits.MAX_TEXT_CHARS);
    if (plain != null) {
      return normaliseLineBreaks(MailLimits.cut(plain, MailLimits.MAX_TEXT_CHARS));
    }
    var html = find(message, "text/html", 0, MailLimits.MAX_HTML_CHARS);
    if (html == null) {
      return "";
    }
    var text = htmlToText(MailLimits.cut(html, MailLimits.MAX_HTML_CHARS));
    return normaliseLineBreaks(MailLimits.cut(text, MailLimits.MAX_TEXT_CHARS));
  }

  private static String find(Part part, String type, int depth, int maxChars)
      throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return null;
    }
    if (part.isMimeType(type)) {
      return decode(part, maxChars);
    }
    if (part.isMimeType("multipart/*") && depth < MailLimits.MAX_DEPTH) {
      var multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        var found = find(multipart.getBodyPart(i), type, depth + 1, maxChars);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * Decodes with the declared charset, or UTF-8 when it is missing or unknown: at most the bytes
   * that {@code maxChars} characters can take in any charset, so that a part of megabytes is not
   * decoded whole to be cut afterwards.
   */
  private static String decode(Part part, int maxChars) throws MessagingException, IOException {
    try (var in = part.getInputStream()) {
      return new String(in.readNBytes(4 * maxChars), charset(part));
    }
  }

  private static Charset charset(Part part) {
    String name;
    try {
      name = new ContentType(part.getContentType()).getParameter("charset");
    } catch (Exception unparsable) {
      return StandardCharsets.UTF_8;
    }
    if (name == null) {
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

  /** HTML to text that keeps the lines a reader sees: blocks and breaks become newlines. */
  static String htmlToText(String html) {
    Document document = Jsoup.parse(html);
    document.select("script, style, head").remove();
    var text = new StringBuilder();
    append(document.body() == null ? document : document.body(), text, 0);
    return text.toString();
  }

  private static void append(Node node, StringBuilder text, int depth) {
    if (node instanceof TextNode textNode) {
      text.append(WHITE_SPACE.matcher(textNode.getWholeText()).replaceAll(" "));
      return;
    }
    if (node instanceof Element element && depth >= MailLimits.MAX_HTML_DEPTH) {
      // Nesting no person writes: its text, without walking on (jsoup collects it without
      // recursion).
      text.append(element.text());
      return;
    }
    if (node instanceof Element element) {
      var tag = element.normalName();
      if (tag.equals("br")) {
        text.append('\n');
        return;
      }
      boolean block = element.isBlock() || tag.equals("tr") || tag.equals("li");
      boolean quote = tag.equals("blockquote");
      if (block && text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
        text.append('\n');
      }
      var inner = new StringBuilder();
      for (Node child : element.childNodes()) {
        append(child, inner, depth + 1);
      }
      if (quote) {
        // Quoted HTML becomes quoted text, so the trimmer treats it like any quote.
        for (String line : inner.toString().split("\n", -1)) {
          text.append("> ").append(line).append('\n');
        }
      } else {
        text.append(inner);
      }
      if (block && text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
        text.append('\n');
      }
    }
  }

  private static String normaliseLineBreaks(String text) {
    var lines =
        text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ').split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      lines[i] = lines[i].stripTrailing();
    }
    return String.join("\n", lines).strip();
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
