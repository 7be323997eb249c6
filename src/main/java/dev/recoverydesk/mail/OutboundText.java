package dev.recoverydesk.mail;

/**
 * A short text (an SMS) for the outbox.
 *
 * @param channel the courier that delivers it, e.g. {@code sms}
 * @param to the address in the channel's form (an E.164 number); kept masked once sent
 * @param text the text; may carry a code, so it is kept only until it is sent and never logged
 */
public record OutboundText(String channel, String to, String text) {

  @Override
  public String toString() {
    return "OutboundText[" + channel + "]";
  }
}
