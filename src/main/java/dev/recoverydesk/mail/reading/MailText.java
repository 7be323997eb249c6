package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.inbound.MailLimits;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The text of a mail as its reader sees it, from whatever a mail client sent: the {@code
 * text/plain} part when there is one (format=flowed lines joined again), else the HTML turned into
 * text with its line breaks and its quotes marked {@code >}; in any charset the JDK knows, Japanese
 * ones read as {@link JapaneseCharsets} explains. Attachments are not read, nor what a client's
 * conversion leaves that nobody wrote: an address repeated as {@code <mailto:…>}, an image's {@code
 * [cid:…]} placeholder.
 *
 * <p>Read within {@link MailLimits}: no deeper than its MIME depth, at most its characters of HTML
 * and of text, each line without the white space that ends it (which nobody reads, and on which a
 * pattern ending in {@code \s*$} would have to backtrack).
 */
public final class MailText {

  // Compiled once: an HTML mail has a text node between every two tags.
  private static final Pattern WHITE_SPACE = Pattern.compile("[\\r\\n\\t ]+");

  /** Elements in which clients put the quoted mail, besides {@code blockquote}. */
  private static final Set<String> QUOTE_CLASSES =
      Set.of("yahoo_quoted", "protonmail_quote", "gmail_quote_container");

  private MailText() {}

  /** The mail's text, its lines without trailing white space, at most {@code MAX_TEXT_CHARS}. */
  public static String of(Part message) throws MessagingException, IOException {
    var client = JapaneseCharsets.Client.of(message);
    var plain = find(message, "text/plain", 0, MailLimits.MAX_TEXT_CHARS, client);
    if (plain != null) {
      return ClientLeftovers.clean(MailLimits.cut(plain, MailLimits.MAX_TEXT_CHARS));
    }
    var html = find(message, "text/html", 0, MailLimits.MAX_HTML_CHARS, client);
    if (html == null) {
      return "";
    }
    var text = htmlToText(MailLimits.cut(html, MailLimits.MAX_HTML_CHARS));
    return ClientLeftovers.clean(MailLimits.cut(text, MailLimits.MAX_TEXT_CHARS));
  }

  private static String find(
      Part part, String type, int depth, int maxChars, JapaneseCharsets.Client client)
      throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return null;
    }
    if (part.isMimeType(type)) {
      return decode(part, maxChars, client);
    }
    if (part.isMimeType("multipart/*") && depth < MailLimits.MAX_DEPTH) {
      var multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        var found = find(multipart.getBodyPart(i), type, depth + 1, maxChars, client);
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
  private static String decode(Part part, int maxChars, JapaneseCharsets.Client client)
      throws MessagingException, IOException {
    ContentType type;
    try {
      type = new ContentType(part.getContentType());
    } catch (Exception unparsable) {
      type = null;
    }
    byte[] bytes;
    try (var in = part.getInputStream()) {
      bytes = in.readNBytes(4 * maxChars);
    }
    var text =
        JapaneseCharsets.decode(bytes, type == null ? null : type.getParameter("charset"), client);
    if (type != null
        && type.match("text/plain")
        && "flowed".equalsIgnoreCase(type.getParameter("format"))) {
      text = Flowed.unflow(text, "yes".equalsIgnoreCase(type.getParameter("delsp")));
    }
    return text;
  }

  /** HTML to text that keeps the lines a reader sees: blocks and breaks become newlines. */
  public static String htmlToText(String html) {
    Document document = Jsoup.parse(html);
    document.select("script, style, head").remove();
    var text = new StringBuilder();
    append(document.body() == null ? document : document.body(), text, 0);
    return text.toString();
  }

  private static void append(Node node, StringBuilder text, int depth) {
    if (node instanceof TextNode textNode) {
      var words = WHITE_SPACE.matcher(textNode.getWholeText()).replaceAll(" ");
      boolean lineStart = text.length() == 0 || text.charAt(text.length() - 1) == '\n';
      if (!(lineStart && words.isBlank())) {
        // The line breaks between two blocks in the source are no text.
        text.append(lineStart ? words.stripLeading() : words);
      }
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
      boolean quote = tag.equals("blockquote") || quoteContainer(element);
      if (block && text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
        text.append('\n');
      }
      var inner = new StringBuilder();
      for (Node child : element.childNodes()) {
        append(child, inner, depth + 1);
      }
      if (quote) {
        // Quoted HTML becomes quoted text, so the reader treats it like any quote.
        var lines = inner.toString().split("\n", -1);
        int last = lines.length;
        while (last > 0 && lines[last - 1].isBlank()) {
          last--;
        }
        for (int i = 0; i < last; i++) {
          text.append("> ").append(lines[i]).append('\n');
        }
      } else {
        text.append(inner);
      }
      if (block && text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
        text.append('\n');
      }
    }
  }

  private static boolean quoteContainer(Element element) {
    if (!element.normalName().equals("div")) {
      return false;
    }
    if ("cite".equalsIgnoreCase(element.attr("type"))) {
      return true;
    }
    for (String name : element.classNames()) {
      if (QUOTE_CLASSES.contains(name.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
