package dev.recoverydesk.mail.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/**
 * How much work one mail may cost the desk, whoever wrote it. Anyone can send the support address a
 * mail: its parts, its text and its headers are read within these bounds, so that no mail makes the
 * desk parse, recurse or backtrack without end. What lies beyond them is stored (nothing is lost)
 * but not read.
 *
 * <p>Public within the mail module only: its packages (receiving, reading) share these bounds.
 */
public final class MailLimits {

  /**
   * The MIME nesting the desk reads: a multipart or a forwarded mail ({@code message/rfc822}) is a
   * level. Real mail seldom has more than five (a reply that forwards a mail with HTML and images:
   * mixed, rfc822, mixed, alternative, related); a mail nesting deeper is stored whole and goes to
   * triage, and nothing below this level is parsed.
   */
  public static final int MAX_DEPTH = 10;

  /**
   * The characters of a mail's text that are read: four times what is kept of a reply ({@code
   * Inbox.MAX_TEXT} for the trimmed text, four times that for the whole), some fifty pages. Every
   * pattern over mail text runs on at most this much.
   */
  public static final int MAX_TEXT_CHARS = 100_000;

  /**
   * The characters of an HTML-only mail handed to the HTML parser. What a person wrote stands at
   * the top, quoted history and its markup below: this much leaves room for a client's style sheet
   * and markup several times the text, and keeps the parser's work on a mail nested thousands of
   * elements deep to a fraction of a second.
   */
  public static final int MAX_HTML_CHARS = 300_000;

  /** The elements nested in HTML that are walked one by one; deeper ones give their text flat. */
  public static final int MAX_HTML_DEPTH = 128;

  /** The characters of one header value that a pattern reads (References with 1,000 ids fit). */
  public static final int MAX_HEADER_CHARS = 64 * 1024;

  private MailLimits() {}

  /**
   * Whether a mail nests deeper than {@link #MAX_DEPTH}. Looks no deeper than one level past it. A
   * part that cannot be parsed counts as a leaf: nobody can read deeper into it either.
   */
  public static boolean tooDeep(Part message) {
    return tooDeep(message, 0);
  }

  private static boolean tooDeep(Part part, int depth) {
    try {
      if (part.isMimeType("multipart/*")) {
        if (depth >= MAX_DEPTH) {
          return true;
        }
        if (part.getContent() instanceof Multipart multipart) {
          for (int i = 0; i < multipart.getCount(); i++) {
            if (tooDeep(multipart.getBodyPart(i), depth + 1)) {
              return true;
            }
          }
        }
      } else if (part.isMimeType("message/rfc822")) {
        if (depth >= MAX_DEPTH) {
          return true;
        }
        if (part.getContent() instanceof Part inner) {
          return tooDeep(inner, depth + 1);
        }
      }
      return false;
    } catch (MessagingException | IOException | RuntimeException unreadable) {
      return false;
    }
  }

  /** The start of a text, at most {@code max} characters, never half a surrogate pair. */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }
}
