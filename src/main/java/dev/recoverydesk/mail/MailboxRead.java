package dev.recoverydesk.mail;

/**
 * The support mailbox was read to its end: the reader found no more unread mail and waits for the
 * next. Published by the IDLE loop at least every poll interval while it can reach the mailbox, so
 * a long silence means mail is not being read.
 */
public record MailboxRead() {}
