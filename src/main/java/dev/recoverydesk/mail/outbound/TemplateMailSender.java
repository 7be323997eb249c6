package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.mail.ReplyAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends mail: multipart text and HTML from its template, headers that keep auto-responders quiet,
 * and for mail about a case its tag in the subject and its signed reply address in {@code
 * Reply-To}.
 */
@Component
class TemplateMailSender implements Mailer {

  private final JavaMailSenderImpl smtp;
  private final MailTemplates templates;
  private final ReplyAddress replyAddress;
  private final MailSettings settings;

  TemplateMailSender(
      JavaMailSenderImpl smtp,
      MailTemplates templates,
      ReplyAddress replyAddress,
      MailSettings settings) {
    this.smtp = smtp;
    this.templates = templates;
    this.replyAddress = replyAddress;
    this.settings = settings;
  }

  @Override
  public String send(OutboundMail mail) {
    var caseId = mail.aboutCase();
    var rendered = templates.render(mail.template(), mail.locale(), withCase(mail));
    var messageId =
        "<"
            + caseId.map(id -> id.value().toLowerCase(Locale.ROOT)).orElse("notice")
            + "."
            + UUID.randomUUID()
            + "@"
            + settings.supportAddress().domain()
            + ">";
    try {
      var message = new IdentifiedMimeMessage(smtp.getSession(), messageId);
      var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
      helper.setFrom(
          new InternetAddress(
              settings.supportAddress().value(),
              settings.fromName(),
              StandardCharsets.UTF_8.name()));
      helper.setTo(mail.to().value());
      helper.setReplyTo(
          caseId.map(replyAddress::forCase).orElse(settings.supportAddress()).value());
      helper.setSubject(
          caseId.map(id -> rendered.subject() + " " + id.tag()).orElse(rendered.subject()));
      helper.setText(rendered.text(), rendered.html());
      // RFC 3834: we are a machine; out-of-office replies should not answer us.
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-Auto-Response-Suppress", "All");
      message.setHeader("Content-Language", MailTemplates.language(mail.locale()));
      smtp.send(message);
      return messageId;
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException("Cannot build mail " + mail.template(), e);
    }
  }

  private static java.util.Map<String, Object> withCase(OutboundMail mail) {
    var model = new java.util.HashMap<>(mail.model());
    mail.aboutCase().ifPresent(caseId -> model.put("caseId", caseId.value()));
    return model;
  }

  /** Keeps the Message-ID we chose, so that replies can be matched by In-Reply-To. */
  private static final class IdentifiedMimeMessage extends MimeMessage {
    private final String messageId;

    IdentifiedMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
