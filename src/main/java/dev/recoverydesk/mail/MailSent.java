package dev.recoverydesk.mail;

/**
 * A mail handed to the mail server, or refused on the way: published at once, whatever becomes of
 * the transaction that sent it (a sent mail cannot be called back).
 *
 * @param template the template's folder in {@code email-templates/}
 * @param sent whether the server accepted it
 */
public record MailSent(String template, boolean sent) {}
