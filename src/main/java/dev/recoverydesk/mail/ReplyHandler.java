package dev.recoverydesk.mail;

/**
 * Takes replies that name a case. The mail module stores and identifies mail; what a reply means to
 * the case is for the modules that run cases.
 */
public interface ReplyHandler {

  /**
   * @return whether the reply was expected and taken (else it stays unmatched for triage)
   */
  boolean handle(Reply reply);
}
