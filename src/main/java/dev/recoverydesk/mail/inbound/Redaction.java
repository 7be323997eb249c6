package dev.recoverydesk.mail.inbound;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Our own one-time links come back quoted in replies, and inside mail that users forward; what we
 * keep of a mail must not hold them, or a copy of the database would hold a way to the new codes.
 */
final class Redaction {

  // Starts with a literal, so that the JDK looks for it with Boyer-Moore, not at every position.
  private static final Pattern ONE_TIME_LINK =
      Pattern.compile("/recovery/(codes|cancel)/[A-Za-z0-9_\\-=]+");

  private static final String REDACTED = "/recovery/$1/[redacted]";

  private Redaction() {}

  static String oneTimeLinks(String text) {
    return text == null ? null : ONE_TIME_LINK.matcher(text).replaceAll(REDACTED);
  }

  /**
   * The raw mail with our one-time links redacted in every text part, in forwarded mail ({@code
   * message/rfc822}) and nested multiparts down to {@link MailLimits#MAX_DEPTH}, its headers
   * (Message-ID included) kept; the bytes as received when there is nothing to redact.
   *
   * <p>A mail that nests deeper, or that cannot be parsed, is not read part by part: its links are
   * redacted wherever they stand in the clear in its bytes (not inside base64, which only a parse
   * would reveal).
   */
  static byte[] raw(byte[] raw) {
    try {
      var message = new KeptMessage(raw);
      if (MailLimits.tooDeep(message)) {
        return inBytes(raw);
      }
      if (!redactParts(message, 0)) {
        return raw;
      }
      message.saveChanges();
      var out = new ByteArrayOutputStream(raw.length);
      message.writeTo(out);
      return out.toByteArray();
    } catch (MessagingException | IOException | RuntimeException | StackOverflowError unreadable) {
      return inBytes(raw);
    }
  }

  /** The links redacted in the bytes as they stand; every other byte kept. */
  private static byte[] inBytes(byte[] raw) {
    var text = new String(raw, StandardCharsets.ISO_8859_1);
    var matcher = ONE_TIME_LINK.matcher(text);
    if (!matcher.find()) {
      return raw;
    }
    return matcher.replaceAll(REDACTED).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean redactParts(Part part, int depth) throws MessagingException, IOException {
    if (part.isMimeType("text/*")) {
      return redactText((MimePart) part);
    }
    if (depth >= MailLimits.MAX_DEPTH) {
      return false;
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      boolean changed = false;
      for (int i = 0; i < multipart.getCount(); i++) {
        changed |= redactParts(multipart.getBodyPart(i), depth + 1);
      }
      if (changed) {
        part.setContent(multipart);
      }
      return changed;
    }
    if (part.isMimeType("message/rfc822")) {
      return redactForwarded((MimePart) part, depth);
    }
    return false;
  }

  /**
   * A text part. Its decoded bytes are redacted as they stand, so that no character around a link
   * changes, whatever the charset: a link is ASCII, and so it is in the bytes of every charset mail
   * uses but UTF-16 and UTF-32, whose parts are decoded, redacted and encoded again.
   */
  private static boolean redactText(MimePart part) throws MessagingException, IOException {
    byte[] bytes;
    try (var in = part.getInputStream()) {
      bytes = in.readAllBytes();
    }
    var redacted = inBytes(bytes);
    if (redacted == bytes) {
      var charset = declaredCharset(part).filter(Redaction::widensAscii);
      if (charset.isEmpty()) {
        return false;
      }
      var text = new String(bytes, charset.get());
      if (!ONE_TIME_LINK.matcher(text).find()) {
        return false;
      }
      redacted = oneTimeLinks(text).getBytes(charset.get());
    }
    replaceContent(part, redacted);
    return true;
  }

  /** A forwarded mail: its own parts redacted, its own headers (and Message-ID) kept. */
  private static boolean redactForwarded(MimePart part, int depth)
      throws MessagingException, IOException {
    KeptMessage forwarded;
    try (var in = part.getInputStream()) {
      forwarded = new KeptMessage(in.readAllBytes());
    }
    if (!redactParts(forwarded, depth + 1)) {
      return false;
    }
    forwarded.saveChanges();
    var out = new ByteArrayOutputStream();
    forwarded.writeTo(out);
    replaceContent(part, out.toByteArray());
    return true;
  }

  /**
   * New content of the same type, sent with the same transfer encoding: an 8bit part of megabytes
   * is written again as it came, not turned into quoted-printable.
   */
  private static void replaceContent(MimePart part, byte[] content) throws MessagingException {
    var type = part.getContentType();
    var encoding = part.getHeader("Content-Transfer-Encoding", null);
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
    if (encoding != null) {
      part.setHeader("Content-Transfer-Encoding", encoding);
    }
  }

  /** A charset in whose bytes an ASCII link is not ASCII bytes. */
  private static boolean widensAscii(Charset charset) {
    var name = charset.name();
    return name.startsWith("UTF-16") || name.startsWith("UTF-32");
  }

  private static Optional<Charset> declaredCharset(MimePart part) {
    try {
      var declared = new ContentType(part.getContentType()).getParameter("charset");
      return declared == null
          ? Optional.empty()
          : Optional.of(Charset.forName(MimeUtility.javaCharset(declared)));
    } catch (MessagingException | IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  /** A parsed mail that keeps its own Message-ID when saved again. */
  private static final class KeptMessage extends MimeMessage {
    // Made once: a new session looks for mail providers in every jar on the class path.
    private static final Session PARSING = Session.getInstance(new Properties());

    KeptMessage(byte[] raw) throws MessagingException {
      super(PARSING, new SharedBytes(raw));
    }

    @Override
    protected void updateMessageID() {
      // Keep the sender's Message-ID: it is how duplicates are recognised.
    }
  }
}
