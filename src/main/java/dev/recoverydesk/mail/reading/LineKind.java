package dev.recoverydesk.mail.reading;

/** What a line of a reply is, as the reader decided. */
public enum LineKind {
  /** Words of the sender's, or of the mail they quote. */
  TEXT,
  BLANK,
  /**
   * A line marked as quoted ({@code >}), or a line of a quoted mail that its client left unmarked.
   */
  QUOTE,
  /**
   * A line that opens a quoted mail: an attribution ("On … wrote:"), a header block ("From: / Sent:
   * …") or a separator ("-----Original Message-----").
   */
  QUOTE_HEADER,
  /** A signature: its delimiter, a rule around a name, a block of name, company and contacts. */
  SIGNATURE,
  /** A closing ("Thanks, Alice", "よろしくお願いいたします。") or the sender's name under it. */
  SIGN_OFF,
  /** What a client adds: "Sent from my iPhone", "Get Outlook for iOS", "iPhoneから送信". */
  FOOTER,
  /** A line of the questionnaire itself: a question, or the line that ends the questions. */
  QUESTIONNAIRE
}
