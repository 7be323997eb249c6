package dev.recoverydesk.twofactor;

import java.time.Instant;

/** A new set of backup codes replaced every older one; the account's owner is told by mail. */
public record BackupCodesIssued(String username, Instant issuedAt, int count) {}
