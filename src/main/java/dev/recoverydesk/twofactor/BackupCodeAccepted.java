package dev.recoverydesk.twofactor;

/**
 * A user got in with a backup code: whoever runs a recovery case for the account may close it.
 *
 * @param remaining unused codes left in the set
 */
public record BackupCodeAccepted(String username, int remaining) {}
