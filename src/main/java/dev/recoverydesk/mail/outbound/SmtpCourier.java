package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.mail.MailSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Hands an outbox mail to the SMTP server: {@code multipart/alternative} text and HTML as rendered;
 * headers that keep auto-responders quiet and let us recognise our own mail coming back; a VERP
 * envelope sender, so a bounce names the mail it bounces; the Message-ID chosen when it was
 * recorded, so that a reply matches whichever node sent it.
 */
@Component
class SmtpCourier {

  private final JavaMailSenderImpl smtp;
  private final MailSettings settings;

  SmtpCourier(JavaMailSenderImpl smtp, MailSettings settings) {
    this.smtp = smtp;
    this.settings = settings;
  }

  void send(OutboxRows.Recorded mail) {
    var support = settings.supportAddress();
    try {
      var message = new IdentifiedMessage(smtp.getSession(), mail.messageId());
      message.setFrom(
          new InternetAddress(support.value(), settings.fromName(), StandardCharsets.UTF_8.name()));
      message.setRecipients(jakarta.mail.Message.RecipientType.TO, mail.recipient());
      message.setReplyTo(InternetAddress.parse(mail.replyTo()));
      message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      message.setContent(alternative(mail.text(), mail.html()));
      // RFC 3834: we are a machine; out-of-office replies should not answer us.
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-Auto-Response-Suppress", "All");
      message.setHeader(SentMail.LOOP_HEADER, support.value());
      message.setHeader("Content-Language", mail.language());
      message.setEnvelopeFrom(SentMail.bounceAddress(support, mail.bounceKey()));
      smtp.send(message);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException("Cannot build mail " + mail.template(), e);
    }
  }

  private static MimeMultipart alternative(String text, String html) throws MessagingException {
    var plain = new MimeBodyPart();
    plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
    var rich = new MimeBodyPart();
    rich.setText(html, StandardCharsets.UTF_8.name(), "html");
    return new MimeMultipart("alternative", plain, rich);
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
