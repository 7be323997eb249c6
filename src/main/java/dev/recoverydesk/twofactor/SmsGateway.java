package dev.recoverydesk.twofactor;

import dev.recoverydesk.common.PhoneNumber;

/** The port to an SMS provider. Texts may carry codes: implementations never log the text. */
public interface SmsGateway {

  void send(PhoneNumber to, String text);
}
