package dev.recoverydesk.mail;

/**
 * Takes replies that name a case. The mail module stores and identifies mail; what a reply means to
 * the case is for the modules that run cases. One bean: the inbox hands every reply to it, and its
 * outcome is the reply's only answer.
 */
public interface ReplyHandler {

  /** What became of a reply. */
  enum Outcome {
    /** Expected, from the expected sender: taken. */
    TAKEN,
    /** A known case, but the sender is not an address its wait expects. */
    WRONG_SENDER,
    /** A known case, but it is not waiting for this mail now and will not be. */
    NOT_WAITING,
    /**
     * A known case, open but not waiting right now: the step that sent the mail being answered may
     * not have committed yet. Offered again shortly; set aside if it stays so.
     */
    NOT_YET,
    /** No case by that id: nothing of the desk's runs it. */
    NOT_MINE
  }

  Outcome handle(Reply reply);
}
