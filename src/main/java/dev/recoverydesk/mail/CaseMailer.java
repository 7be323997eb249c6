package dev.recoverydesk.mail;

/** Sends mail about a case to a user. */
public interface CaseMailer {

  /**
   * Renders and sends the mail now.
   *
   * @return the {@code Message-ID} it was sent with
   */
  String send(CaseMail mail);
}
