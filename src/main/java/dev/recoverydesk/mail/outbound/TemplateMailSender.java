package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.common.Base32;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.mail.ReplyAddress;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Writes mail from its template and records it in the outbox, in the caller's transaction: for mail
 * about a case its tag in the subject and its signed reply address in {@code Reply-To}; the
 * Message-ID and the VERP bounce key are chosen now, so that the caller may keep the Message-ID and
 * the mail keeps them on every attempt. {@link SmtpCourier} sends it once that transaction has
 * committed, so a link in a mail always belongs to a token that was stored.
 */
@Component
class TemplateMailSender implements Mailer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final MailTemplates templates;
  private final ReplyAddress replyAddress;
  private final MailSettings settings;
  private final OutboxDispatcher outbox;

  TemplateMailSender(
      MailTemplates templates,
      ReplyAddress replyAddress,
      MailSettings settings,
      OutboxDispatcher outbox) {
    this.templates = templates;
    this.replyAddress = replyAddress;
    this.settings = settings;
    this.outbox = outbox;
  }

  @Override
  public String send(OutboundMail mail) {
    var caseId = mail.aboutCase();
    var rendered = templates.render(mail.template(), mail.locale(), withCase(mail));
    var support = settings.supportAddress();
    var messageId =
        "<"
            + caseId.map(id -> id.value().toLowerCase(Locale.ROOT)).orElse("notice")
            + "."
            + UUID.randomUUID()
            + "@"
            + support.domain()
            + ">";
    var step = EngineStep.current();
    return outbox.record(
        new OutboxRows.Recorded(
            OutboxDispatcher.key(
                OutboxRows.MAIL, mail.template(), mail.to().value(), mail.key(), step),
            OutboxRows.MAIL,
            mail.template(),
            caseId.map(id -> id.value()).orElse(null),
            step.map(EngineStep::processInstanceId).orElse(null),
            mail.to().value(),
            messageId,
            bounceKey(),
            caseId.map(replyAddress::forCase).orElse(support).value(),
            Language.of(mail.locale()).tag(),
            caseId.map(id -> rendered.subject() + " " + id.tag()).orElse(rendered.subject()),
            rendered.text(),
            rendered.html()));
  }

  private static String bounceKey() {
    var bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return Base32.encode(bytes).toLowerCase(Locale.ROOT);
  }

  private static Map<String, Object> withCase(OutboundMail mail) {
    var model = new HashMap<>(mail.model());
    mail.aboutCase().ifPresent(caseId -> model.put("caseId", caseId.value()));
    return model;
  }
}
