package dev.recoverydesk.twofactor;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.common.PhoneNumber;
import java.util.Map;

/** The port to an SMS provider. Texts may carry codes: implementations never log the text. */
public interface SmsGateway {

  void send(PhoneNumber to, String text);

  /**
   * Sends the text of {@code sms-templates/<template>/<language>.txt}, filled in from the model.
   */
  void send(PhoneNumber to, String template, Language language, Map<String, ?> model);
}
