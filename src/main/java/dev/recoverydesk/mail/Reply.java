package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import java.util.SortedMap;

/**
 * A stored inbound mail that names a case, handed to whoever waits for it.
 *
 * @param mailId our id of the stored mail
 * @param messageId its {@code Message-ID}, unique per mail
 * @param matchedBy how it was tied to the case
 * @param text what the sender wrote this time, wherever it stands (above, between or below quoted
 *     text): quotes, signature and client footers cut, as written otherwise
 * @param fullText the whole text, quotes included; our one-time links are redacted in both
 * @param answers the questionnaire's answers the reader found, by question number, as written
 */
public record Reply(
    long mailId,
    String messageId,
    CaseId caseId,
    EmailAddress from,
    String subject,
    MatchedBy matchedBy,
    String text,
    String fullText,
    SortedMap<Integer, String> answers) {

  /** How a mail was tied to its case, strongest first. */
  public enum MatchedBy {
    /** The signed reply address it was sent to. */
    TOKEN,
    /** {@code In-Reply-To} or {@code References} naming a mail we sent. */
    THREAD,
    /** The {@code [RC-…]} tag in the subject (the handler must still check the sender). */
    SUBJECT
  }
}
