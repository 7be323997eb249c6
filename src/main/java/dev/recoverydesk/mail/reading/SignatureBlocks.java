package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.CutText;
import java.util.List;

/**
 * The blocks at the end of a run of the sender's lines that are a signature: rules around a name, a
 * closing with a company block under it, a company block alone. Each finder returns where the
 * sender's words now stop.
 */
final class SignatureBlocks {

  private SignatureBlocks() {}

  /** Everything the sender wrote from {@code from} to {@code to} is signature, footers aside. */
  static void signature(List<ReplyLine> lines, int from, int to) {
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
  static int ruledBlocks(List<ReplyLine> lines, int start, int stop) {
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
  static int closingBlock(List<ReplyLine> lines, int start, int stop) {
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
  static int companyBlock(List<ReplyLine> lines, int start, int stop) {
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

  private static boolean anySignatureLine(List<ReplyLine> lines, int from, int to) {
    for (int j = from; j < to; j++) {
      var line = lines.get(j);
      if (line.own && !line.blank && Signatures.signatureLine(line.content)) {
        return true;
      }
    }
    return false;
  }

  private static int nextOwnNonBlank(List<ReplyLine> lines, int from, int to) {
    int j = from;
    while (j < to && (lines.get(j).blank || !lines.get(j).own)) {
      j++;
    }
    return j;
  }
}
