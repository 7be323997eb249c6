package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.CutText;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The first step of reading a reply: quotes and quoted mail. Lines marked {@code >} are quotes. A
 * quote header opens a quoted mail: when marked lines follow it, the quote ends where they end and
 * what comes below is the sender's again (bottom-posting, answers between quoted lines); when none
 * follow (Outlook's header block, "-----Original Message-----"), the rest of the mail is the quoted
 * mail, in which only the lines typed under one of its questions are the sender's, and a second
 * header opens older history.
 */
final class QuotedMail {

  /**
   * A line with a time of day that precedes an attribution (Becky!'s "On Sat, 21 Nov 2026 10:00").
   */
  private static final Pattern DATE_LINE =
      Pattern.compile(
          "(?:on|am|le|el|em|il|op|den|på|\\p{L}{2,4}[.,]|\\d)[^.!?。！？]{0,100}\\d{1,2}:\\d{2}"
              + "[^.!?。！？]{0,40}",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private QuotedMail() {}

  /**
   * Marks each line's region, the quotes and quote headers, and the answers typed in a quoted mail.
   */
  static void mark(List<ReplyLine> lines) {
    regions(lines);
    inlineAnswersInQuotedMail(lines);
  }

  private static void regions(List<ReplyLine> lines) {
    var view = view(lines);
    var region = ReplyLine.Region.USER;
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
        if (region == ReplyLine.Region.USER) {
          line.own = true;
        } else {
          line.cut(LineKind.BLANK, CutText.Kind.QUOTE);
        }
        i++;
        continue;
      }
      if (region == ReplyLine.Region.HISTORY) {
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
          region =
              region == ReplyLine.Region.USER
                  ? ReplyLine.Region.QUOTED_MAIL
                  : ReplyLine.Region.HISTORY;
        }
        i = end;
        continue;
      }
      if (region == ReplyLine.Region.QUOTED_MAIL) {
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
  private static void headerAbove(List<ReplyLine> lines, int header) {
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
  private static void inlineAnswersInQuotedMail(List<ReplyLine> lines) {
    int current = 0;
    boolean started = false;
    String missing = null;
    for (ReplyLine line : lines) {
      if (line.region != ReplyLine.Region.QUOTED_MAIL
          || line.quoted
          || line.kind == LineKind.QUOTE_HEADER) {
        if (line.kind == LineKind.QUOTE_HEADER || line.region != ReplyLine.Region.QUOTED_MAIL) {
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

  private static QuoteHeaders.Lines view(List<ReplyLine> lines) {
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

  static int nextNonBlank(List<ReplyLine> lines, int from) {
    int j = from;
    while (j < lines.size() && lines.get(j).blank) {
      j++;
    }
    return j;
  }
}
