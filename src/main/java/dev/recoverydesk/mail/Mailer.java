package dev.recoverydesk.mail;

/** Sends mail to users. */
public interface Mailer {

  /**
   * Renders the mail and records it in the {@link Outbox}, in the caller's transaction: it goes out
   * after that transaction commits (at once without one), and not at all if it rolls back.
   *
   * @return the {@code Message-ID} it is sent with (of the first mail, if its key was recorded)
   */
  String send(OutboundMail mail);
}
