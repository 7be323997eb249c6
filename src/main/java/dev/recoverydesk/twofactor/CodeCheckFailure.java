package dev.recoverydesk.twofactor;

/**
 * Why a backup code was refused: recorded for agents and the audit log, never told to the caller,
 * who hears the same answer whatever the reason.
 */
public enum CodeCheckFailure {
  /** Not the shape of a code at all after normalising: a typo, a login code, a password. */
  TYPO_SHAPED,
  /** Shaped like a code but none the account ever had. */
  UNKNOWN,
  /** A code of the current set that was already used. */
  ALREADY_USED,
  /** A code of a set replaced by a newer one. */
  SUPERSEDED_SET,
  /** A code of a set voided because a code was used out of order. */
  VOIDED_SET,
  /** A valid code used before an older unused one: the whole set is now void (seed). */
  OUT_OF_ORDER,
  /** The account has no codes. */
  NO_CODES,
  /** No such account (answered exactly like a wrong code). */
  NO_ACCOUNT,
  /** Too many failures: checks are locked for a while. */
  LOCKED_OUT
}
