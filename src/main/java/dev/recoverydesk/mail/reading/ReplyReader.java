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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads a reply as its sender wrote it: the mail's text, each line classified (text, quote, quote
 * header, signature, sign-off, footer, a line of the questionnaire), the sender's own words
 * wherever they stand, what was cut and why, and the questionnaire's answers. In the spirit of
 * Discourse's email_reply_trimmer, with one matcher set per kind of line ({@link QuoteHeaders},
 * {@link Signatures}, {@link SignOffs}, {@link Footers}, {@link QuestionnaireLines}).
 *
 * <p>How a reply is read:
 *
 * <ol>
 *   <li>Lines marked {@code >} are quotes. A quote header opens a quoted mail: when marked lines
 *       follow it, the quote ends where they end and what comes below is the sender's again
 *       (bottom-posting, answers between quoted lines); when none follow (Outlook's header block,
 *       "-----Original Message-----"), the rest of the mail is the quoted mail, in which only the
 *       lines typed under one of its questions are the sender's, and a second header opens older
 *       history.
 *   <li>In each run of the sender's lines, client footers, a signature after {@code "-- "}, rules
 *       around a name, a company block, a closing ("Thanks, Alice") and the sender's name under it
 *       are found; signatures and footers are cut, a closing stays in the text but is never an
 *       answer.
 *   <li>An answer starts after its number or its question (typed, pasted, or quoted above it) and
 *       goes on over the next lines; it ends at the next question, the end of the questions, a
 *       closing, a signature, a footer or a quote header. A paragraph after a blank line is part of
 *       it only when another question follows: the last one's is the sender's remark. The first
 *       answer to a question wins, since the newest text comes first.
 * </ol>
 *
 * <p>Reads at most {@link MailLimits#MAX_TEXT_CHARS} characters; every matcher is bounded per line.
 */
public final class ReplyReader {

  private static final Pattern QUOTE_MARKS = Pattern.compile("(?:[ \\t]*+[>＞])++[ \\t]?");

  /**
   * A line with a time of day that precedes an attribution (Becky!'s "On Sat, 21 Nov 2026 10:00").
   */
  private static final Pattern DATE_LINE =
      Pattern.compile(
          "(?:on|am|le|el|em|il|op|den|på|\\p{L}{2,4}[.,]|\\d)[^.!?。！？]{0,100}\\d{1,2}:\\d{2}"
              + "[^.!?。！？]{0,40}",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Where an attribution may start inside a line that carries the sender's words before it. */
  private static final Pattern ATTRIBUTION_INSIDE =
      Pattern.compile(
          "(?<=[.!?。！？)\\s])\\s*+(?=(?:On|Am|Le|El|Em|Il|Op|Den|På|W dniu|\\d{4}[-/年])\\s?)");

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
    var lines = lines(fullText);
    regions(lines);
    inlineAnswersInQuotedMail(lines);
    closings(lines, senderName);
    var answers = answers(lines);
    var view = new ArrayList<Reading.Line>(lines.size());
    for (Line line : lines) {
      view.add(new Reading.Line(line.raw, line.kind, line.own));
    }
    return new Reading(
        ownText(lines), cut(lines), answers, fullText, Collections.unmodifiableList(view));
  }

  // ---------------------------------------------------------------- lines

  private enum Region {
    /** The sender's words (and what they quote with {@code >}). */
    USER,
    /** A quoted mail its client left unmarked, below its header. */
    QUOTED_MAIL,
    /** Older mail below a second header. */
    HISTORY
  }

  private static final class Line {
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

    Line(String raw) {
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
  }

  private static List<Line> lines(String text) {
    var lines = new ArrayList<Line>();
    for (String raw : text.split("\n", -1)) {
      var line = raw.stripTrailing();
      var quoted = QUOTE_MARKS.matcher(line).lookingAt();
      int split = quoted ? -1 : attributionInside(line);
      if (split > 0) {
        // Words and the attribution of the mail they answer on one line: a paragraph of its own.
        var words = new Line(line.substring(0, split).stripTrailing());
        words.paragraph = true;
        lines.add(words);
        lines.add(new Line(line.substring(split).strip()));
      } else {
        lines.add(new Line(line));
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

  private static QuoteHeaders.Lines view(List<Line> lines) {
    return new QuoteHeaders.Lines() {
      @Override
      public int size() {
        return lines.size();
      }

      @Override
      public String content(int i) {
        return lines.get(i).content;
      }

      @Override
      public boolean quoted(int i) {
        return lines.get(i).quoted;
      }

      @Override
      public boolean blank(int i) {
        return lines.get(i).blank;
      }
    };
  }

  // ---------------------------------------------------------------- 1. quotes and quoted mail

  private static void regions(List<Line> lines) {
    var view = view(lines);
    var region = Region.USER;
    int i = 0;
    while (i < lines.size()) {
      var line = lines.get(i);
      line.region = region;
      if (line.quoted) {
        line.cut(LineKind.QUOTE, CutText.Kind.QUOTE);
        i++;
        continue;
      }
      if (line.blank) {
        if (region == Region.USER) {
          line.own = true;
        } else {
          line.cut(LineKind.BLANK, CutText.Kind.QUOTE);
        }
        i++;
        continue;
      }
      if (region == Region.HISTORY) {
        line.cut(LineKind.QUOTE, CutText.Kind.QUOTE);
        i++;
        continue;
      }
      int span = QuoteHeaders.spanAt(view, i);
      if (span > 0) {
        int end = i + span;
        // A separator and a header block, or two blocks, open one quoted mail.
        for (int next = nextNonBlank(lines, end);
            next < lines.size() && !lines.get(next).quoted;
            next = nextNonBlank(lines, end)) {
          int more = QuoteHeaders.spanAt(view, next);
          if (more == 0) {
            break;
          }
          end = next + more;
        }
        for (int j = i; j < end; j++) {
          lines.get(j).region = region;
          lines.get(j).cut(LineKind.QUOTE_HEADER, CutText.Kind.QUOTE);
        }
        headerAbove(lines, i);
        int next = nextNonBlank(lines, end);
        boolean quotesFollow = next < lines.size() && lines.get(next).quoted;
        if (!quotesFollow) {
          region = region == Region.USER ? Region.QUOTED_MAIL : Region.HISTORY;
        }
        i = end;
        continue;
      }
      if (region == Region.QUOTED_MAIL) {
        line.cut(LineKind.QUOTE, CutText.Kind.QUOTE);
      } else {
        line.own = true;
      }
      i++;
    }
  }

  /**
   * The line just above a header that belongs to it: the date line of an attribution over two lines
   * (Becky!), or a rule the sender's client put before the quoted mail.
   */
  private static void headerAbove(List<Line> lines, int header) {
    int above = header - 1;
    if (above < 0) {
      return;
    }
    var line = lines.get(above);
    if (!line.own || line.blank) {
      return;
    }
    var content = line.content.strip();
    boolean dateLine =
        content.length() <= 140
            && DATE_LINE.matcher(content).matches()
            && QuestionnaireLines.numbered(content) == null;
    if (dateLine || Signatures.rule(content) || Signatures.delimiter(content)) {
      line.cut(LineKind.QUOTE_HEADER, CutText.Kind.QUOTE);
    }
  }

  /**
   * In a quoted mail its client left unmarked (Outlook), the lines typed directly under one of its
   * questions are the sender's answers.
   */
  private static void inlineAnswersInQuotedMail(List<Line> lines) {
    int current = 0;
    boolean started = false;
    String missing = null;
    for (Line line : lines) {
      if (line.region != Region.QUOTED_MAIL || line.quoted || line.kind == LineKind.QUOTE_HEADER) {
        if (line.kind == LineKind.QUOTE_HEADER || line.region != Region.QUOTED_MAIL) {
          current = 0;
        }
        continue;
      }
      if (line.blank) {
        if (started) {
          current = 0;
          started = false;
        }
        continue;
      }
      var content = line.content.strip();
      if (QuestionnaireLines.end(content)) {
        line.kind = LineKind.QUESTIONNAIRE;
        current = 0;
        continue;
      }
      var numbered = QuestionnaireLines.numbered(content);
      var asking = QuestionnaireLines.asking(numbered == null ? content : numbered.rest());
      if (asking != null) {
        line.kind = LineKind.QUESTIONNAIRE;
        current = asking.number();
        started = false;
        missing = asking.complete() ? null : asking.missing();
        continue;
      }
      if (missing != null && QuestionnaireLines.continues(content, missing)) {
        line.kind = LineKind.QUESTIONNAIRE;
        missing = missing.substring(QuestionnaireLines.loose(content).length());
        missing = missing.isEmpty() ? null : missing;
        continue;
      }
      missing = null;
      if (current > 0 && numbered == null && !Footers.footer(content)) {
        line.own = true;
        line.cut = null;
        line.kind = LineKind.TEXT;
        started = true;
      } else {
        current = 0;
      }
    }
  }

  // ---------------------------------------------------------------- 2. closings, signatures,
  // footers

  private static void closings(List<Line> lines, String senderName) {
    int i = 0;
    while (i < lines.size()) {
      if (!ownInUser(lines.get(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < lines.size() && ownInUser(lines.get(i))) {
        i++;
      }
      segment(lines, start, i, senderName);
    }
    // A closing anywhere is never an answer.
    for (Line line : lines) {
      if (line.own && line.kind == LineKind.TEXT && line.closing()) {
        line.kind = LineKind.SIGN_OFF;
      }
    }
  }

  private static boolean ownInUser(Line line) {
    return line.own && line.region == Region.USER;
  }

  /** One run of the sender's lines, from {@code start} to {@code end} (exclusive). */
  private static void segment(List<Line> lines, int start, int end, String senderName) {
    for (int i = start; i < end; i++) {
      var line = lines.get(i);
      if (line.footer()) {
        line.cut(LineKind.FOOTER, CutText.Kind.FOOTER);
      }
    }
    int stop = end;
    for (int i = start; i < stop; i++) {
      var line = lines.get(i);
      if (line.own && !line.blank && Signatures.delimiter(line.content)) {
        signature(lines, i, stop);
        stop = i;
        break;
      }
    }
    stop = ruledBlocks(lines, start, stop);
    stop = closingBlock(lines, start, stop);
    stop = companyBlock(lines, start, stop);
    leftoverRules(lines, start, stop, end);
    senderNameLine(lines, start, stop, senderName);
  }

  /** Everything the sender wrote from {@code from} to {@code to} is signature, footers aside. */
  private static void signature(List<Line> lines, int from, int to) {
    for (int j = from; j < to; j++) {
      var line = lines.get(j);
      if (line.own) {
        line.cut(LineKind.SIGNATURE, CutText.Kind.SIGNATURE);
      }
    }
  }

  /**
   * Rules around a name ("━━━━ / 山田 太郎 / … / ━━━━", or "━━ 山田 ━━"): a signature when the lines they
   * hold are few and read like one. A rule that holds the sender's words stays.
   */
  private static int ruledBlocks(List<Line> lines, int start, int stop) {
    int lastOwn = stop - 1;
    while (lastOwn >= start && (!lines.get(lastOwn).own || lines.get(lastOwn).blank)) {
      lastOwn--;
    }
    for (int i = start; i < stop; i++) {
      var line = lines.get(i);
      if (!line.own || line.blank) {
        continue;
      }
      boolean ruledName = Signatures.ruledName(line.content);
      if (!ruledName && !Signatures.rule(line.content)) {
        continue;
      }
      int close = -1;
      int held = 0;
      boolean signatureLike = ruledName;
      boolean answers = false;
      // A signature holds a few lines: no more are looked at.
      int limit = Math.min(stop, i + 40);
      for (int j = i + 1; j < limit && held <= 8; j++) {
        var inside = lines.get(j);
        if (inside.blank || !inside.own) {
          continue;
        }
        if (Signatures.rule(inside.content) || Signatures.ruledName(inside.content)) {
          close = j;
          break;
        }
        held++;
        signatureLike |=
            Signatures.signatureLine(inside.content) || nameLike(inside.content.strip());
        answers |= inside.questionnaire();
      }
      boolean reachesEnd = close < 0 && held <= 8 && Math.min(stop, i + 40) == stop;
      if (held <= 8 && !answers && signatureLike && (close >= 0 || reachesEnd)) {
        int to = reachesEnd ? stop : close + 1;
        signature(lines, i, to);
        if (to > lastOwn) {
          return i;
        }
        i = to - 1;
      }
    }
    return stop;
  }

  /**
   * The last closing of the run ("Best regards," "よろしくお願いいたします。") with the sender's name under it;
   * a block of company and contacts after them is a signature.
   */
  private static int closingBlock(List<Line> lines, int start, int stop) {
    int closing = -1;
    for (int i = stop - 1; i >= start; i--) {
      var line = lines.get(i);
      if (line.own && line.closing()) {
        closing = i;
        break;
      }
      if (line.own && line.questionnaire()) {
        return stop;
      }
    }
    if (closing < 0) {
      return stop;
    }
    int after = 0;
    for (int j = closing + 1; j < stop; j++) {
      if (lines.get(j).own && !lines.get(j).blank) {
        after++;
      }
    }
    if (after > 8) {
      return stop;
    }
    lines.get(closing).kind = LineKind.SIGN_OFF;
    int next = closing + 1;
    while (next < stop && lines.get(next).blank) {
      next++;
    }
    if (next < stop
        && next == closing + 1
        && lines.get(next).own
        && nameLike(lines.get(next).content.strip())) {
      lines.get(next).kind = LineKind.SIGN_OFF;
      next++;
    }
    int firstOther = nextOwnNonBlank(lines, next, stop);
    if (firstOther < stop && anySignatureLine(lines, firstOther, stop)) {
      signature(lines, firstOther, stop);
      return firstOther;
    }
    return stop;
  }

  /**
   * A company block at the end of a run, without a delimiter: its last paragraph, a few short lines
   * of which at least one names a company or a contact ("TEL:", "Mail:") and another reads like a
   * signature.
   */
  private static int companyBlock(List<Line> lines, int start, int stop) {
    int last = stop - 1;
    while (last >= start && (lines.get(last).blank || !lines.get(last).own)) {
      last--;
    }
    if (last < start) {
      return stop;
    }
    int first = last;
    while (first - 1 >= start && lines.get(first - 1).own && !lines.get(first - 1).blank) {
      first--;
    }
    int count = last - first + 1;
    if (count < 2 || count > 8) {
      return stop;
    }
    int signatureLines = 0;
    boolean named = false;
    for (int j = first; j <= last; j++) {
      var content = lines.get(j).content;
      if (lines.get(j).kind != LineKind.TEXT || lines.get(j).questionnaire()) {
        return stop;
      }
      if (Signatures.signatureLine(content)) {
        signatureLines++;
        named |= !Signatures.phoneOnly(content);
      }
    }
    boolean nameFirst = nameLike(lines.get(first).content.strip());
    if (named && (signatureLines >= 2 || signatureLines >= 1 && nameFirst)) {
      signature(lines, first, last + 1);
      return first;
    }
    return stop;
  }

  /** A rule left at the end of the sender's words, before the quote or the end: not words. */
  private static void leftoverRules(List<Line> lines, int start, int stop, int end) {
    for (int i = stop - 1; i >= start; i--) {
      var line = lines.get(i);
      if (!line.own || line.blank) {
        continue;
      }
      if (line.rule()) {
        boolean quoteBelow = end < lines.size();
        line.cut(LineKind.SIGNATURE, quoteBelow ? CutText.Kind.QUOTE : CutText.Kind.SIGNATURE);
        continue;
      }
      return;
    }
  }

  /** The sender's name alone as the last line of a run ("Erin", "— Alice"): a sign-off. */
  private static void senderNameLine(List<Line> lines, int start, int stop, String senderName) {
    if (senderName == null || senderName.isBlank()) {
      return;
    }
    for (int i = stop - 1; i >= start; i--) {
      var line = lines.get(i);
      if (!line.own || line.blank) {
        continue;
      }
      var content = line.content.strip();
      if (line.kind == LineKind.TEXT && nameLike(content) && partOfName(content, senderName)) {
        line.kind = LineKind.SIGN_OFF;
      }
      return;
    }
  }

  private static boolean partOfName(String line, String senderName) {
    var name = QuestionnaireLines.loose(senderName);
    var words = QuestionnaireLines.loose(line.replaceAll("^[-–—~ ]+|[.!,。]+$", ""));
    return words.length() >= 2 && name.contains(words);
  }

  /** A person's name as people sign: a few words, no digits, no sentence. */
  static boolean nameLike(String text) {
    var name = text.replaceAll("^[-–—~ ]+", "").replaceAll("[.,。]$", "").strip();
    if (name.isEmpty() || name.length() > 40 || name.split("\\s+").length > 4) {
      return false;
    }
    return name.codePoints()
        .allMatch(
            c ->
                Character.isLetter(c)
                    || c == ' '
                    || c == '.'
                    || c == '\''
                    || c == '-'
                    || c == '’'
                    || c == '　'
                    || c == '・');
  }

  private static boolean questionnaireLine(String content) {
    var strip = content.strip();
    return QuestionnaireLines.numbered(strip) != null
        || QuestionnaireLines.asking(strip) != null
        || QuestionnaireLines.end(strip);
  }

  private static boolean anySignatureLine(List<Line> lines, int from, int to) {
    for (int j = from; j < to; j++) {
      var line = lines.get(j);
      if (line.own && !line.blank && Signatures.signatureLine(line.content)) {
        return true;
      }
    }
    return false;
  }

  private static int nextOwnNonBlank(List<Line> lines, int from, int to) {
    int j = from;
    while (j < to && (lines.get(j).blank || !lines.get(j).own)) {
      j++;
    }
    return j;
  }

  private static int nextNonBlank(List<Line> lines, int from) {
    int j = from;
    while (j < lines.size() && lines.get(j).blank) {
      j++;
    }
    return j;
  }

  // ---------------------------------------------------------------- 3. answers

  private static SortedMap<Integer, String> answers(List<Line> lines) {
    var answers = new Answers();
    String missing = null;
    for (Line line : lines) {
      var content = line.content.strip();
      if (!line.own) {
        if (line.cut != CutText.Kind.QUOTE || line.kind == LineKind.QUOTE_HEADER) {
          answers.end();
          missing = null;
          continue;
        }
        if (line.blank) {
          answers.blank();
          continue;
        }
        if (QuestionnaireLines.end(content)) {
          answers.end();
          continue;
        }
        var numbered = QuestionnaireLines.numbered(content);
        var asking = QuestionnaireLines.asking(numbered == null ? content : numbered.rest());
        if (asking != null) {
          answers.start(asking.number());
          missing = asking.complete() ? null : asking.missing();
          continue;
        }
        if (missing != null && QuestionnaireLines.continues(content, missing)) {
          missing = shorter(missing, content);
          continue;
        }
        missing = null;
        if (numbered != null || answers.started()) {
          // A quoted answer of an earlier reply, or the quoted mail going on after an answer.
          answers.end();
        }
        continue;
      }
      if (line.kind == LineKind.SIGN_OFF) {
        answers.end();
        missing = null;
        continue;
      }
      if (line.blank || line.paragraph) {
        answers.blank();
        if (line.blank) {
          continue;
        }
      }
      if (QuestionnaireLines.end(content) || line.rule()) {
        // A rule separates what the sender wrote: no answer goes on over it.
        answers.end();
        missing = null;
        continue;
      }
      var numbered = QuestionnaireLines.numbered(content);
      if (numbered != null) {
        var rest = QuestionnaireLines.withoutLabel(numbered.rest());
        var asking = QuestionnaireLines.asking(rest);
        missing = null;
        if (asking != null && asking.number() == numbered.number()) {
          missing = asking.complete() ? null : asking.missing();
          rest = asking.complete() ? QuestionnaireLines.afterQuestion(rest, asking) : "";
        }
        answers.start(numbered.number());
        answers.add(QuestionnaireLines.withoutLabel(rest));
        continue;
      }
      var asking = QuestionnaireLines.asking(content);
      if (asking != null && QuestionnaireLines.separated(content, asking)) {
        answers.start(asking.number());
        missing = asking.complete() ? null : asking.missing();
        answers.add(
            QuestionnaireLines.withoutLabel(QuestionnaireLines.afterQuestion(content, asking)));
        continue;
      }
      if (missing != null && QuestionnaireLines.continues(content, missing)) {
        missing = shorter(missing, content);
        continue;
      }
      missing = null;
      answers.add(QuestionnaireLines.withoutLabel(content));
    }
    answers.end();
    return answers.result();
  }

  private static String shorter(String missing, String content) {
    var rest = missing.substring(QuestionnaireLines.loose(content).length());
    return rest.isEmpty() ? null : rest;
  }

  /** The answers as they are read, line by line. */
  private static final class Answers {
    private final TreeMap<Integer, List<String>> lines = new TreeMap<>();
    private final List<String> paragraph = new ArrayList<>();
    private int current;
    private boolean started;
    private boolean blankSeen;

    void start(int number) {
      // A paragraph after a blank line belonged to the answer before: another question follows.
      if (current > 0) {
        lines.get(current).addAll(paragraph);
      }
      reset();
      if (lines.containsKey(number) && !lines.get(number).isEmpty()) {
        // Answered before (newer text comes first): that answer stands.
        current = -1;
        return;
      }
      current = number;
      lines.put(number, new ArrayList<>());
    }

    void add(String text) {
      if (current <= 0 || text.isBlank()) {
        return;
      }
      if (!started && SignOffs.closing(text)) {
        return;
      }
      if (started && blankSeen) {
        paragraph.add(text);
      } else {
        lines.get(current).add(text);
        started = true;
      }
    }

    void blank() {
      if (started) {
        blankSeen = true;
      }
    }

    boolean started() {
      return started;
    }

    /** The answer ends here; a paragraph after its blank line was the sender's remark. */
    void end() {
      reset();
      current = 0;
    }

    private void reset() {
      paragraph.clear();
      started = false;
      blankSeen = false;
    }

    SortedMap<Integer, String> result() {
      var result = new TreeMap<Integer, String>();
      lines.forEach(
          (number, texts) -> {
            var answer = withoutTrailingClosing(String.join("\n", texts).strip());
            if (!answer.isBlank() && !SignOffs.closing(answer)) {
              result.put(number, answer);
            }
          });
      return Collections.unmodifiableSortedMap(result);
    }

    private static String withoutTrailingClosing(String answer) {
      int lastLine = answer.lastIndexOf('\n') + 1;
      int closing = SignOffs.trailingClosing(answer.substring(lastLine));
      return closing < 0 ? answer : answer.substring(0, lastLine + closing).strip();
    }
  }

  // ---------------------------------------------------------------- the text and the cut

  private static String ownText(List<Line> lines) {
    var text = new StringBuilder();
    boolean gap = false;
    boolean blank = false;
    for (Line line : lines) {
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

  private static List<CutText> cut(List<Line> lines) {
    var parts = new ArrayList<CutText>();
    CutText.Kind kind = null;
    var text = new StringBuilder();
    int total = 0;
    for (Line line : lines) {
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
