package dev.recoverydesk.recovery;

/** What the user is locked out by: one recovery path each (seed 002), or something else. */
public enum Problem {
  LOST_BACKUP_CODES,
  LOST_PHONE,
  SMS_NOT_DELIVERED,
  OTHER
}
