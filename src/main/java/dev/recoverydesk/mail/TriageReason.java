package dev.recoverydesk.mail;

/**
 * Why a stored mail needs an agent. The code is stable (stored with the mail, shown in the {@code
 * triage-mail} task and in {@code GET /api/inbound-mail/{id}}); the description says it in words
 * for the agent who reads the task.
 */
public enum TriageReason {
  UNREADABLE("unreadable", "The mail could not be read; the stored mail is kept whole."),
  TOO_LARGE("too-large", "The mail was over the size cap: only its headers were kept."),
  TOO_DEEP(
      "too-deep",
      "The mail nests its parts deeper than the desk reads: it is stored whole, and only the"
          + " text of its outer levels is shown."),
  STEP_FAILED(
      "step-failed",
      "A step of the desk failed on this mail (it overflowed the stack): it is stored whole,"
          + " but its text is not shown."),
  NO_SENDER("no-sender", "The mail names no sender."),
  FORGED_TOKEN("forged-token", "The reply address carries a token whose signature is wrong."),
  SUBJECT_TAG_UNAUTHENTICATED(
      "subject-tag-unauthenticated",
      "Subject tag without a trusted authentication result: the case number is in the subject,"
          + " but no mail server the desk trusts vouches for the sender's address."),
  NO_CASE("no-case", "The mail names no case and opened none."),
  WRONG_SENDER("wrong-sender", "The sender is not the address the case expects."),
  NOT_WAITING("not-waiting", "The case is not waiting for a reply."),
  UNKNOWN_CASE("unknown-case", "No case takes mail with this case number."),
  BOUNCE_OF_UNKNOWN_MAIL(
      "bounce-of-unknown-mail", "A delivery failure report about a mail the desk did not send."),
  CONTACT_BOUNCED(
      "contact-bounced", "Mail to the case's contact address bounces; the case is suspended.");

  private final String code;
  private final String description;

  TriageReason(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The stable code, e.g. {@code forged-token}. */
  public String code() {
    return code;
  }

  /** What it means, for the agent. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return code;
  }
}
