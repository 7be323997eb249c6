package dev.recoverydesk.mail;

/**
 * Mail and texts waiting to be sent. {@link Mailer#send} and the SMS port record into it, in the
 * caller's transaction; what is recorded goes out after that transaction commits, once per key, and
 * is retried with backoff while the server refuses it.
 */
public interface Outbox {

  /**
   * Records a text for its courier (see {@link TextCourier}), to go out once the current
   * transaction commits, or at once without one.
   */
  void record(OutboundText text);

  /** Sends what is due now (new, or whose retry time has come) and not claimed by another node. */
  void dispatchDue();

  /** How many messages of the channel wait to be sent. */
  long backlog(String channel);
}
