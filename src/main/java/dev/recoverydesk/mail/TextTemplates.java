package dev.recoverydesk.mail;

import dev.recoverydesk.common.Language;
import java.util.Map;

/**
 * The words of the desk's short texts (SMS), kept like its mail: {@code
 * sms-templates/<name>/<language>.txt}, one folder a text, read top to bottom in both languages.
 */
public interface TextTemplates {

  /**
   * The text of a template in a language, filled in from the model.
   *
   * @param model values the text shows; it may carry a code, so the text is never logged
   */
  String render(String template, Language language, Map<String, ?> model);
}
