package dev.recoverydesk.mail;

/**
 * Text the reader of a reply cut from what the sender wrote this time, with why: shown to agents
 * beside the trimmed mail, so that they see when it cut too much.
 *
 * @param kind what the text was taken for
 * @param text the lines as they stand in the mail
 */
public record CutText(Kind kind, String text) {

  /** What the reader took a cut text for. */
  public enum Kind {
    /** A quoted mail: its attribution or header block and its lines, marked quoted or not. */
    QUOTE,
    /** A signature: its delimiter or rules, the sender's name, company and contacts. */
    SIGNATURE,
    /** What the sender's client added: "Sent from my iPhone", "Get Outlook for iOS". */
    FOOTER;

    /** How the review names it. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
