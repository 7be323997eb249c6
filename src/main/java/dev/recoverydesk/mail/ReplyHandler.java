package dev.recoverydesk.mail;

/**
 * Takes replies that name a case. The mail module stores and identifies mail; what a reply means to
 * the case is for the modules that run cases.
 */
public interface ReplyHandler {

  /** What became of a reply offered to a handler. */
  enum Outcome {
    /** Expected, from the expected sender: taken. */
    TAKEN,
    /** The handler's case, but the sender is not the address it expects. */
    WRONG_SENDER,
    /** The handler's case, but it is not waiting for mail now. */
    NOT_WAITING,
    /**
     * The handler's case is open but not waiting right now: the step that sent the mail being
     * answered may not have committed yet. Offered again shortly; set aside if it stays so.
     */
    NOT_YET,
    /** Not a case this handler runs: ask the next one. */
    NOT_MINE
  }

  Outcome handle(Reply reply);
}
