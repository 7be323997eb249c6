package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.CutText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line of a reply as the reader works on it: its text without quote marks, what it was taken
 * for, whether it is the sender's own, why it was cut, and in which part of the mail it stands. The
 * steps ({@link QuotedMail}, {@link Closings}, {@link Answers}) mark the lines in turn.
 */
final class ReplyLine {

  private static final Pattern QUOTE_MARKS = Pattern.compile("(?:[ \\t]*+[>＞])++[ \\t]?");

  /** Where an attribution may start inside a line that carries the sender's words before it. */
  private static final Pattern ATTRIBUTION_INSIDE =
      Pattern.compile(
          "(?<=[.!?。！？)\\s])\\s*+(?=(?:On|Am|Le|El|Em|Il|Op|Den|På|W dniu|\\d{4}[-/年])\\s?)");

  enum Region {
    /** The sender's words (and what they quote with {@code >}). */
    USER,
    /** A quoted mail its client left unmarked, below its header. */
    QUOTED_MAIL,
    /** Older mail below a second header. */
    HISTORY
  }

  final String raw;
  final String content;
  final boolean quoted;
  final boolean blank;
  LineKind kind;
  boolean own;
  CutText.Kind cut;
  Region region = Region.USER;

  /** Starts a paragraph though no blank line stands above it. */
  boolean paragraph;

  ReplyLine(String raw) {
    this.raw = raw;
    var marks = QUOTE_MARKS.matcher(raw);
    this.quoted = marks.lookingAt();
    this.content = quoted ? raw.substring(marks.end()) : raw;
    this.blank = content.isBlank();
    this.kind = blank ? LineKind.BLANK : quoted ? LineKind.QUOTE : LineKind.TEXT;
  }

  // What the matchers said of the line, asked once each.
  private Boolean closing;
  private Boolean footer;
  private Boolean rule;
  private Boolean questionnaire;

  boolean closing() {
    if (closing == null) {
      closing = !blank && SignOffs.closing(content);
    }
    return closing;
  }

  boolean footer() {
    if (footer == null) {
      footer = !blank && Footers.footer(content);
    }
    return footer;
  }

  /** A rule or the signature delimiter. */
  boolean rule() {
    if (rule == null) {
      rule = !blank && (Signatures.rule(content) || Signatures.delimiter(content));
    }
    return rule;
  }

  boolean questionnaire() {
    if (questionnaire == null) {
      questionnaire = !blank && questionnaireLine(content);
    }
    return questionnaire;
  }

  void cut(LineKind kind, CutText.Kind why) {
    if (!blank) {
      this.kind = kind;
    }
    this.own = false;
    this.cut = why;
  }

  /** The text's lines; words and an attribution on one line become two. */
  static List<ReplyLine> split(String text) {
    var lines = new ArrayList<ReplyLine>();
    for (String raw : text.split("\n", -1)) {
      var line = raw.stripTrailing();
      var quoted = QUOTE_MARKS.matcher(line).lookingAt();
      int split = quoted ? -1 : attributionInside(line);
      if (split > 0) {
        // Words and the attribution of the mail they answer on one line: a paragraph of its own.
        var words = new ReplyLine(line.substring(0, split).stripTrailing());
        words.paragraph = true;
        lines.add(words);
        lines.add(new ReplyLine(line.substring(split).strip()));
      } else {
        lines.add(new ReplyLine(line));
      }
    }
    return lines;
  }

  private static int attributionInside(String line) {
    if (line.length() > QuoteHeaders.MAX_LINE + 200 || line.length() < 12) {
      return -1;
    }
    var last = line.charAt(line.length() - 1);
    if (last != ':' && last != '：') {
      return -1;
    }
    var matcher = ATTRIBUTION_INSIDE.matcher(line);
    // A real line holds one attribution: a few places where one could start are looked at.
    for (int tries = 0; tries < 4 && matcher.find(); tries++) {
      int at = matcher.end();
      if (at > 0 && at < line.length() && QuoteHeaders.attribution(line.substring(at).strip())) {
        return at;
      }
    }
    return -1;
  }

  private static boolean questionnaireLine(String content) {
    var strip = content.strip();
    return QuestionnaireLines.numbered(strip) != null
        || QuestionnaireLines.asking(strip) != null
        || QuestionnaireLines.end(strip);
  }
}
