package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.CutText;
import java.util.List;
import java.util.SortedMap;

/**
 * What the reader made of a reply.
 *
 * @param text what the sender wrote this time, wherever it stands (above, between and below
 *     quotes), as written: quotes, signature and client footers cut
 * @param cut what was cut, each part with why, in the order of the mail
 * @param answers the questionnaire's answers by question number, as written; a question without an
 *     answer is absent
 * @param fullText the whole text of the mail, quotes included
 * @param lines every line with what the reader took it for
 */
public record Reading(
    String text,
    List<CutText> cut,
    SortedMap<Integer, String> answers,
    String fullText,
    List<Line> lines) {

  /** A line of the mail, what it is and whether it is the sender's words this time. */
  public record Line(String text, LineKind kind, boolean own) {}
}
