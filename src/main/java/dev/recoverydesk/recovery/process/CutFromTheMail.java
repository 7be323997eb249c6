package dev.recoverydesk.recovery.process;

/**
 * What the reader of each mail cut as quote, signature or footer, shown to agents beside the
 * trimmed thread, so that they see when the reader cut too much (an answer under a quote mistaken
 * for a signature, say). Each part is shortened: the quoted questionnaire is ours and long, what
 * matters is to see what was taken out.
 */
final class CutFromTheMail {

  private static final int MAX_PART = 600;

  private CutFromTheMail() {}

  static String shortened(String part) {
    var cut = part.strip();
    return cut.length() <= MAX_PART ? cut : cut.substring(0, MAX_PART - 1) + "…";
  }
}
