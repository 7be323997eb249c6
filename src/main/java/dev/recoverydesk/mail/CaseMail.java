package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import java.util.Locale;
import java.util.Map;

/**
 * A mail about a case, written from a template folder in {@code email-templates/}.
 *
 * @param template the folder name, e.g. {@code contact-check}
 * @param model values the template may show; never codes or tokens in clear beyond the moment
 */
public record CaseMail(
    CaseId caseId, EmailAddress to, String template, Locale locale, Map<String, Object> model) {

  public CaseMail {
    model = model == null ? Map.of() : Map.copyOf(model);
  }
}
