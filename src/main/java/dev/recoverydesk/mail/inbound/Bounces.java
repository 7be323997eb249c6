package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.outbound.SentMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bounces: a delivery status notification ({@code multipart/report; report-type=delivery-status},
 * RFC 3464) or anything sent to one of our VERP addresses. Names the sent mail it is about, when it
 * can, and whether the failure is permanent (5.x.x).
 */
final class Bounces {

  private static final Pattern STATUS =
      Pattern.compile("(?im)^Status:\\s*([245])\\.\\d{1,3}\\.\\d{1,3}");
  private static final Pattern MESSAGE_ID =
      Pattern.compile("(?im)^Message-ID:\\s*(<[^<>\\s]{1,998}>)");

  /** What is read of a report: its status and the returned headers come first, and are short. */
  private static final int REPORT_CHARS = 4 * 64 * 1024;

  private Bounces() {}

  /**
   * @param bounceKey the key of the VERP address it was sent to, if any
   * @param originalMessageId the Message-ID of our mail, if the report quotes it
   * @param permanent a hard bounce (5.x.x, or no status given)
   */
  record Bounce(String bounceKey, String originalMessageId, boolean permanent) {

    /** What is kept with the bounce and the sent mail it reports. */
    String reason() {
      return permanent ? "permanent failure" : "temporary failure";
    }
  }

  static Optional<Bounce> detect(
      MimeMessage message, List<EmailAddress> recipients, EmailAddress support)
      throws MessagingException, IOException {
    String key = null;
    for (EmailAddress recipient : recipients) {
      var found = SentMail.bounceKey(support, recipient);
      if (found.isPresent()) {
        key = found.get();
        break;
      }
    }
    var report = isDeliveryReport(message);
    if (key == null && !report) {
      return Optional.empty();
    }
    var text =
        report ? MailLimits.cut(reportText((Multipart) message.getContent()), REPORT_CHARS) : "";
    var status = STATUS.matcher(text);
    boolean permanent = !status.find() || status.group(1).equals("5");
    var original = MESSAGE_ID.matcher(text);
    return Optional.of(new Bounce(key, original.find() ? original.group(1) : null, permanent));
  }

  private static boolean isDeliveryReport(MimeMessage message) throws MessagingException {
    var type = new ContentType(message.getContentType());
    return type.match("multipart/report")
        && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"));
  }

  /** The delivery-status and returned-headers parts, as text. */
  private static String reportText(Multipart report) throws MessagingException, IOException {
    var text = new StringBuilder();
    for (int i = 0; i < report.getCount() && text.length() < REPORT_CHARS; i++) {
      BodyPart part = report.getBodyPart(i);
      var type = part.getContentType().toLowerCase(Locale.ROOT);
      if (type.startsWith("message/delivery-status")
          || type.startsWith("text/rfc822-headers")
          || type.startsWith("message/rfc822")) {
        text.append(raw(part)).append('\n');
      }
    }
    return text.toString();
  }

  private static String raw(BodyPart part) throws MessagingException, IOException {
    var content = part.getContent();
    if (content instanceof MimeMessage original) {
      var headers = new StringBuilder();
      var all = original.getAllHeaderLines();
      while (all.hasMoreElements() && headers.length() < MailLimits.MAX_HEADER_CHARS) {
        headers.append(all.nextElement()).append('\n');
      }
      return headers.toString();
    }
    if (content instanceof InputStream in) {
      try (in) {
        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
    }
    if (content instanceof InternetHeaders headers) {
      return String.join("\n", java.util.Collections.list(headers.getAllHeaderLines()));
    }
    return String.valueOf(content);
  }

  static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }
}
