package dev.recoverydesk.recovery.process;

import dev.recoverydesk.mail.InboundMails;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the reader of each mail cut as quote, signature or footer, for the review: shown below the
 * trimmed thread, so that an agent sees when the reader cut too much (an answer under a quote
 * mistaken for a signature, say). Each part is shortened: the quoted questionnaire is ours and
 * long, what matters is to see what was taken out.
 */
final class CutFromTheMail {

  static final String HEADING = "──── Cut from the mail (quote, signature, footer) ────";

  private static final int MAX_PART = 600;
  private static final int MAX_SECTION = 4_000;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private CutFromTheMail() {}

  /** The section to append to the thread, or nothing when no mail had anything cut. */
  static String section(List<InboundMails.Stored> mails) {
    var text = new StringBuilder();
    for (var mail : mails) {
      if (mail.cut().isEmpty()) {
        continue;
      }
      text.append(WHEN.format(mail.receivedAt()))
          .append("  from ")
          .append(mail.sender())
          .append('\n');
      for (var part : mail.cut()) {
        var cut = part.text().strip();
        text.append('[')
            .append(part.kind().label())
            .append("]\n")
            .append(cut.length() <= MAX_PART ? cut : cut.substring(0, MAX_PART - 1) + "…")
            .append('\n');
      }
      text.append('\n');
    }
    if (text.isEmpty()) {
      return "";
    }
    var shown = text.toString().strip();
    if (shown.length() > MAX_SECTION) {
      shown = shown.substring(0, MAX_SECTION - 1) + "…";
    }
    return "\n\n" + HEADING + "\n" + shown;
  }
}
