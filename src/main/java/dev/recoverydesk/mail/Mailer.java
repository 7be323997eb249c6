package dev.recoverydesk.mail;

/** Sends mail to users. */
public interface Mailer {

  /**
   * Renders and sends the mail now.
   *
   * @return the {@code Message-ID} it was sent with
   */
  String send(OutboundMail mail);
}
