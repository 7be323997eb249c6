package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.mail.CaseMail;
import dev.recoverydesk.mail.CaseMailer;
import dev.recoverydesk.mail.MailSettings;
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
 * Sends case mail: multipart text and HTML from the case's template, the case tag in the subject,
 * the signed reply address in {@code Reply-To}, and headers that keep auto-responders quiet.
 */
@Component
class CaseMailSender implements CaseMailer {

  private final JavaMailSenderImpl smtp;
  private final MailTemplates templates;
  private final ReplyAddress replyAddress;
  private final MailSettings settings;

  CaseMailSender(
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
  public String send(CaseMail mail) {
    var rendered = templates.render(mail.template(), mail.locale(), withCase(mail));
    var messageId =
        "<"
            + mail.caseId().value().toLowerCase(Locale.ROOT)
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
      helper.setReplyTo(replyAddress.forCase(mail.caseId()).value());
      helper.setSubject(rendered.subject() + " " + mail.caseId().tag());
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

  private static java.util.Map<String, Object> withCase(CaseMail mail) {
    var model = new java.util.HashMap<>(mail.model());
    model.put("caseId", mail.caseId().value());
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
