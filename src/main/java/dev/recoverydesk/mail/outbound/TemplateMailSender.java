package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.common.Base32;
import dev.recoverydesk.mail.MailSent;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.mail.ReplyAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends mail: {@code multipart/alternative} text and HTML from its template; headers that keep
 * auto-responders quiet and let us recognise our own mail coming back; a VERP envelope sender, so a
 * bounce names the mail it bounces; and for mail about a case its tag in the subject and its signed
 * reply address in {@code Reply-To}. Every sent mail is recorded, without its body.
 */
@Component
class TemplateMailSender implements Mailer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JavaMailSenderImpl smtp;
  private final MailTemplates templates;
  private final ReplyAddress replyAddress;
  private final MailSettings settings;
  private final SentMail sent;
  private final ApplicationEventPublisher events;

  TemplateMailSender(
      JavaMailSenderImpl smtp,
      MailTemplates templates,
      ReplyAddress replyAddress,
      MailSettings settings,
      SentMail sent,
      ApplicationEventPublisher events) {
    this.smtp = smtp;
    this.templates = templates;
    this.replyAddress = replyAddress;
    this.settings = settings;
    this.sent = sent;
    this.events = events;
  }

  @Override
  public String send(OutboundMail mail) {
    try {
      var messageId = deliver(mail);
      events.publishEvent(new MailSent(mail.template(), true));
      return messageId;
    } catch (RuntimeException refused) {
      events.publishEvent(new MailSent(mail.template(), false));
      throw refused;
    }
  }

  private String deliver(OutboundMail mail) {
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
    var bounceKey = bounceKey();
    try {
      var message = new IdentifiedMessage(smtp.getSession(), messageId);
      message.setFrom(
          new InternetAddress(support.value(), settings.fromName(), StandardCharsets.UTF_8.name()));
      message.setRecipients(jakarta.mail.Message.RecipientType.TO, mail.to().value());
      message.setReplyTo(
          InternetAddress.parse(caseId.map(replyAddress::forCase).orElse(support).value()));
      message.setSubject(
          caseId.map(id -> rendered.subject() + " " + id.tag()).orElse(rendered.subject()),
          StandardCharsets.UTF_8.name());
      message.setContent(alternative(rendered.text(), rendered.html()));
      // RFC 3834: we are a machine; out-of-office replies should not answer us.
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-Auto-Response-Suppress", "All");
      message.setHeader(SentMail.LOOP_HEADER, support.value());
      message.setHeader("Content-Language", MailTemplates.language(mail.locale()));
      message.setEnvelopeFrom(SentMail.bounceAddress(support, bounceKey));
      smtp.send(message);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException("Cannot build mail " + mail.template(), e);
    }
    sent.record(messageId, caseId.orElse(null), mail.to(), mail.template(), bounceKey);
    return messageId;
  }

  private static MimeMultipart alternative(String text, String html) throws MessagingException {
    var plain = new MimeBodyPart();
    plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
    var rich = new MimeBodyPart();
    rich.setText(html, StandardCharsets.UTF_8.name(), "html");
    return new MimeMultipart("alternative", plain, rich);
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

  /** Keeps the Message-ID we chose, so that replies can be matched by In-Reply-To. */
  private static final class IdentifiedMessage extends SMTPMessage {
    private final String messageId;

    IdentifiedMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
