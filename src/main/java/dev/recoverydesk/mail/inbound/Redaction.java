package dev.recoverydesk.mail.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Our own one-time links come back quoted in replies; what we keep of a reply must not hold them,
 * or a copy of the database would hold a way to the new codes.
 */
final class Redaction {

  private static final Pattern ONE_TIME_LINK =
      Pattern.compile("(/recovery/(?:codes|cancel)/)[A-Za-z0-9_\\-=]+");

  private Redaction() {}

  static String oneTimeLinks(String text) {
    return text == null ? null : ONE_TIME_LINK.matcher(text).replaceAll("$1[redacted]");
  }

  /**
   * The raw mail with our one-time links redacted in every text part, its headers (Message-ID
   * included) kept; the bytes as received when there is nothing to redact.
   */
  static byte[] raw(byte[] raw) {
    try {
      var message = new KeptMessage(raw);
      if (!redactParts(message)) {
        return raw;
      }
      message.saveChanges();
      var out = new ByteArrayOutputStream(raw.length);
      message.writeTo(out);
      return out.toByteArray();
    } catch (MessagingException | IOException unreadable) {
      // A mail we cannot parse cannot hold a link we could find; keep it as it came.
      return raw;
    }
  }

  private static boolean redactParts(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
      var content = part.getContent();
      if (content instanceof String text && ONE_TIME_LINK.matcher(text).find()) {
        var charset = new ContentType(part.getContentType()).getParameter("charset");
        var subtype = part.isMimeType("text/html") ? "html" : "plain";
        ((MimePart) part).setText(oneTimeLinks(text), charset == null ? "UTF-8" : charset, subtype);
        return true;
      }
      return false;
    }
    if (part.isMimeType("multipart/*")) {
      var multipart = (Multipart) part.getContent();
      boolean changed = false;
      for (int i = 0; i < multipart.getCount(); i++) {
        changed |= redactParts(multipart.getBodyPart(i));
      }
      if (changed) {
        part.setContent(multipart);
      }
      return changed;
    }
    return false;
  }

  /** A parsed mail that keeps its own Message-ID when saved again. */
  private static final class KeptMessage extends MimeMessage {
    // Made once: a new session looks for mail providers in every jar on the class path.
    private static final Session PARSING = Session.getInstance(new Properties());

    KeptMessage(byte[] raw) throws MessagingException {
      super(PARSING, new ByteArrayInputStream(raw));
    }

    @Override
    protected void updateMessageID() {
      // Keep the sender's Message-ID: it is how duplicates are recognised.
    }
  }
}
