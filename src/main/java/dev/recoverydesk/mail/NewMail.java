package dev.recoverydesk.mail;

import dev.recoverydesk.common.EmailAddress;

/**
 * A person's mail to the support address that names no case: it may be a new request.
 *
 * @param text what the sender wrote (quotes and signature trimmed)
 */
public record NewMail(long mailId, EmailAddress from, String subject, String text) {}
