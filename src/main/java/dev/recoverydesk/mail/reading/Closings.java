package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.CutText;
import java.util.List;

/**
 * The second step of reading a reply: in each run of the sender's lines, client footers, a
 * signature after {@code "-- "}, rules around a name, a company block, a closing ("Thanks, Alice")
 * and the sender's name under it are found ({@link SignatureBlocks}); signatures and footers are
 * cut, a closing stays in the text but is never an answer.
 */
final class Closings {

  private Closings() {}

  /** Marks the closings, signatures and footers of each run of the sender's lines. */
  static void mark(List<ReplyLine> lines, String senderName) {
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
    for (ReplyLine line : lines) {
      if (line.own && line.kind == LineKind.TEXT && line.closing()) {
        line.kind = LineKind.SIGN_OFF;
      }
    }
  }

  private static boolean ownInUser(ReplyLine line) {
    return line.own && line.region == ReplyLine.Region.USER;
  }

  /** One run of the sender's lines, from {@code start} to {@code end} (exclusive). */
  private static void segment(List<ReplyLine> lines, int start, int end, String senderName) {
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
        SignatureBlocks.signature(lines, i, stop);
        stop = i;
        break;
      }
    }
    stop = SignatureBlocks.ruledBlocks(lines, start, stop);
    stop = SignatureBlocks.closingBlock(lines, start, stop);
    stop = SignatureBlocks.companyBlock(lines, start, stop);
    leftoverRules(lines, start, stop, end);
    senderNameLine(lines, start, stop, senderName);
  }

  /** A rule left at the end of the sender's words, before the quote or the end: not words. */
  private static void leftoverRules(List<ReplyLine> lines, int start, int stop, int end) {
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
  private static void senderNameLine(
      List<ReplyLine> lines, int start, int stop, String senderName) {
    if (senderName == null || senderName.isBlank()) {
      return;
    }
    for (int i = stop - 1; i >= start; i--) {
      var line = lines.get(i);
      if (!line.own || line.blank) {
        continue;
      }
      var content = line.content.strip();
      if (line.kind == LineKind.TEXT
          && SignatureBlocks.nameLike(content)
          && partOfName(content, senderName)) {
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
}
