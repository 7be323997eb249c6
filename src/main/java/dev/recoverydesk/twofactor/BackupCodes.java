package dev.recoverydesk.twofactor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Backup codes of an account: issue a set, check a typed code, see what is left. */
public interface BackupCodes {

  /**
   * Issues a new set, voiding every older code. The plain codes exist only in the returned list.
   *
   * @return the codes in issue order (the order they must be used in)
   * @throws dev.recoverydesk.system.NotFoundException when there is no such account
   */
  List<String> issue(String username);

  /** Voids every code the account holds (a reset); nothing can be used until a new set. */
  void voidAll(String username, String why);

  /** Checks a code as the user typed it; on success the code is used up. */
  Check verify(String username, String typed);

  /** What the account's current set looks like, for agents. */
  Optional<SetStatus> status(String username);

  /** The account's refused checks since a moment, oldest first: why, and when (never the code). */
  List<Refusal> refusals(String username, Instant since);

  /**
   * A code as a person reads it: in groups of four ({@code 7QK2 M9XC 4HTA}). The check accepts it
   * with or without the spaces.
   */
  static String grouped(String code) {
    return String.join(" ", code.split("(?<=\\G.{4})"));
  }

  /** The outcome of a check. */
  sealed interface Check {}

  /** The code was right; it is now used. */
  record Accepted(int remaining) implements Check {}

  /** The code was refused, for a reason the caller must never be told. */
  record Refused(CodeCheckFailure reason) implements Check {}

  /** Checks for this account are locked; even a right code is not looked at. */
  record LockedOut(Duration retryAfter) implements Check {}

  /** A refused check: why and when. */
  record Refusal(CodeCheckFailure reason, Instant at) {}

  /** The current set: when it was issued and how many of its codes are left. */
  record SetStatus(Instant issuedAt, String status, int total, int remaining) {}
}
