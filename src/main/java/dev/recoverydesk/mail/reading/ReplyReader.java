package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.CutText;
import dev.recoverydesk.mail.inbound.MailLimits;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Reads a reply as its sender wrote it: the mail's text, each line classified (text, quote, quote
 * header, signature, sign-off, footer, a line of the questionnaire), the sender's own words
 * wherever they stand, what was cut and why, and the questionnaire's answers. In the spirit of
 * Discourse's email_reply_trimmer, with one matcher set per kind of line ({@link QuoteHeaders},
 * {@link Signatures}, {@link SignOffs}, {@link Footers}, {@link QuestionnaireLines}).
 *
 * <p>How a reply is read, one step after the other, each marking the mail's lines ({@link
 * ReplyLine}):
 *
 * <ol>
 *   <li>{@link QuotedMail}: quotes, quote headers and the quoted mail below them, and the answers
 *       typed inside an unmarked quoted mail;
 *   <li>{@link Closings}: in each run of the sender's lines, footers, signatures ({@link
 *       SignatureBlocks}), closings and the sender's name under them;
 *   <li>{@link Answers}: the questionnaire's answers, where each starts and ends;
 *   <li>here: the sender's own text and what was cut, and why.
 * </ol>
 *
 * <p>Reads at most {@link MailLimits#MAX_TEXT_CHARS} characters; every matcher is bounded per line.
 */
public final class ReplyReader {

  private static final int MAX_CUT_CHARS = 60_000;

  private ReplyReader() {}

  /**
   * Reads a stored mail.
   *
   * @param redaction applied to the mail's text before anything is read (our one-time links)
   */
  public static Reading read(Part message, UnaryOperator<String> redaction)
      throws MessagingException, IOException {
    return read(redaction.apply(MailText.of(message)), senderName(message));
  }

  /** Reads a mail's text. */
  public static Reading read(String text) {
    return read(text, null);
  }

  /**
   * Reads a mail's text.
   *
   * @param senderName the From header's name (and address), to know the sender's name under a reply
   */
  public static Reading read(String text, String senderName) {
    var fullText = text == null ? "" : MailLimits.cut(text, MailLimits.MAX_TEXT_CHARS);
    var lines = ReplyLine.split(fullText);
    QuotedMail.mark(lines);
    Closings.mark(lines, senderName);
    var answers = Answers.read(lines);
    var view = new ArrayList<Reading.Line>(lines.size());
    for (ReplyLine line : lines) {
      view.add(new Reading.Line(line.raw, line.kind, line.own));
    }
    return new Reading(
        ownText(lines), cut(lines), answers, fullText, Collections.unmodifiableList(view));
  }

  // ---------------------------------------------------------------- the text and the cut

  private static String ownText(List<ReplyLine> lines) {
    var text = new StringBuilder();
    boolean gap = false;
    boolean blank = false;
    for (ReplyLine line : lines) {
      if (!line.own) {
        gap = text.length() > 0;
        continue;
      }
      if (line.blank) {
        blank = text.length() > 0;
        continue;
      }
      if (text.length() > 0) {
        text.append(gap || blank ? "\n\n" : "\n");
      }
      text.append(withoutTracker(line.raw));
      gap = false;
      blank = false;
    }
    return text.toString().strip();
  }

  private static String withoutTracker(String line) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == Footers.TRACKER || line.charAt(end - 1) == ' ')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static List<CutText> cut(List<ReplyLine> lines) {
    var parts = new ArrayList<CutText>();
    CutText.Kind kind = null;
    var text = new StringBuilder();
    int total = 0;
    for (ReplyLine line : lines) {
      if (line.own) {
        if (!line.blank && kind != null) {
          total += add(parts, kind, text, total);
          kind = null;
        }
        continue;
      }
      if (kind != null && kind != line.cut) {
        total += add(parts, kind, text, total);
      }
      kind = line.cut;
      text.append(line.raw).append('\n');
    }
    if (kind != null) {
      add(parts, kind, text, total);
    }
    return Collections.unmodifiableList(parts);
  }

  private static int add(List<CutText> parts, CutText.Kind kind, StringBuilder text, int total) {
    var part = text.toString().strip();
    text.setLength(0);
    if (part.isEmpty() || total >= MAX_CUT_CHARS) {
      return 0;
    }
    part = MailLimits.cut(part, MAX_CUT_CHARS - total);
    parts.add(new CutText(kind, part));
    return part.length();
  }

  private static String senderName(Part message) {
    if (!(message instanceof MimeMessage mime)) {
      return null;
    }
    try {
      Address[] from = mime.getFrom();
      if (from != null && from.length > 0 && from[0] instanceof InternetAddress address) {
        var personal = address.getPersonal() == null ? "" : address.getPersonal();
        var local = address.getAddress() == null ? "" : address.getAddress().split("@")[0];
        return MailLimits.cut(personal + " " + local.toLowerCase(Locale.ROOT), 300);
      }
    } catch (MessagingException | RuntimeException unreadable) {
      // A mangled From names nobody.
    }
    return null;
  }
}
