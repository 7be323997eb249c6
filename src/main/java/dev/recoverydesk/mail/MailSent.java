package dev.recoverydesk.mail;

/**
 * A mail of the outbox handed to the mail server, or refused on the way: published by the outbox
 * after each attempt, outside any transaction (a sent mail cannot be called back). A mail retried
 * three times and then sent counts three {@code failed} and one {@code sent}.
 *
 * @param template the template's folder in {@code email-templates/}
 * @param sent whether the server accepted it
 */
public record MailSent(String template, boolean sent) {}
