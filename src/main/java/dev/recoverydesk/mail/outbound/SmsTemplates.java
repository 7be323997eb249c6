package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.mail.TextTemplates;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * Renders {@code sms-templates/<name>/<language>.txt}, Thymeleaf TEXT templates beside the mail's
 * ({@code [(${code})]}): one folder a text, one file a language.
 */
@Component
class SmsTemplates implements TextTemplates {

  private final SpringTemplateEngine engine = MailTemplates.engine("sms-templates/");

  @Override
  public String render(String template, Language language, Map<String, ?> model) {
    @SuppressWarnings("unchecked")
    var variables = (Map<String, Object>) model;
    return engine
        .process(
            template + "/" + language.tag() + ".txt", new Context(language.locale(), variables))
        .strip();
  }
}
