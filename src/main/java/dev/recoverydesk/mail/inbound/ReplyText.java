package dev.recoverydesk.mail.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The text a person wrote, from whatever a mail client sent: the {@code text/plain} part when there
 * is one, else the HTML turned into text with its line breaks, in any charset the JDK knows
 * (ISO-2022-JP and Shift_JIS included). Attachments are not read.
 */
final class ReplyText {

  private ReplyText() {}

  static String of(Part message) throws MessagingException, IOException {
    var plain = find(message, "text/plain");
    if (plain != null) {
      return normaliseLineBreaks(plain);
    }
    var html = find(message, "text/html");
    return html == null ? "" : normaliseLineBreaks(htmlToText(html));
  }

  private static String find(Part part, String type) throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return null;
    }
    if (part.isMimeType(type)) {
      return decode(part);
    }
    if (part.isMimeType("multipart/*")) {
      var multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        var found = find(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Decodes with the declared charset, or UTF-8 when it is missing or unknown. */
  private static String decode(Part part) throws MessagingException, IOException {
    var content = part.getContent();
    if (content instanceof String text) {
      return text;
    }
    if (content instanceof InputStream in) {
      try (in) {
        return new String(in.readAllBytes(), charset(part));
      }
    }
    return String.valueOf(content);
  }

  private static Charset charset(Part part) {
    try {
      var name = new ContentType(part.getContentType()).getParameter("charset");
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    } catch (Exception unknown) {
      return StandardCharsets.UTF_8;
    }
  }

  /** HTML to text that keeps the lines a reader sees: blocks and breaks become newlines. */
  static String htmlToText(String html) {
    Document document = Jsoup.parse(html);
    document.select("script, style, head").remove();
    var text = new StringBuilder();
    append(document.body() == null ? document : document.body(), text);
    return text.toString();
  }

  private static void append(Node node, StringBuilder text) {
    if (node instanceof TextNode textNode) {
      text.append(textNode.getWholeText().replaceAll("[\\r\\n\\t ]+", " "));
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
        append(child, inner);
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
    return text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00A0', ' ').strip();
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
