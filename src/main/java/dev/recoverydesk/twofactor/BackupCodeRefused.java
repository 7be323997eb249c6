package dev.recoverydesk.twofactor;

/**
 * A backup code was refused, for this reason (never told to the caller). Published in the check's
 * transaction, which is committed: the refusal counts towards the lock-out.
 */
public record BackupCodeRefused(String username, CodeCheckFailure reason) {}
