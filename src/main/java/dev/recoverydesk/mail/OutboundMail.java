package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A mail written from a template folder in {@code email-templates/}: either about a case (its tag
 * in the subject, its signed reply address) or a notice about an account.
 *
 * @param caseId the case it is about, or null for a notice
 * @param template the folder name, e.g. {@code contact-check}
 * @param model values the template may show; never codes or tokens
 * @param key what makes it one logical message: a second mail recorded with the same key is not
 *     sent. Null: the template, the recipient and the process step that sends it (its activity
 *     instance), or a key of its own outside a process
 */
public record OutboundMail(
    CaseId caseId,
    EmailAddress to,
    String template,
    Locale locale,
    Map<String, Object> model,
    String key) {

  public OutboundMail {
    model = model == null ? Map.of() : Map.copyOf(model);
  }

  public OutboundMail(
      CaseId caseId, EmailAddress to, String template, Locale locale, Map<String, Object> model) {
    this(caseId, to, template, locale, model, null);
  }

  /** The same mail, one logical message with every other mail of this key. */
  public OutboundMail withKey(String key) {
    return new OutboundMail(caseId, to, template, locale, model, key);
  }

  public static OutboundMail aboutCase(
      CaseId caseId, EmailAddress to, String template, Locale locale, Map<String, Object> model) {
    return new OutboundMail(caseId, to, template, locale, model);
  }

  public static OutboundMail notice(
      EmailAddress to, String template, Locale locale, Map<String, Object> model) {
    return new OutboundMail(null, to, template, locale, model);
  }

  public Optional<CaseId> aboutCase() {
    return Optional.ofNullable(caseId);
  }
}
