package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.EmailAddress;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The headers every step reads, each read one way and within {@link MailLimits}: who sent a mail,
 * to whom, which mails it answers, its subject and its Message-ID. A malformed header names nobody
 * and nothing; it never stops a mail.
 */
final class MailHeaders {

  private static final Session PARSING = Session.getInstance(new Properties());
  private static final String[] RECIPIENT_HEADERS = {
    "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"
  };
  private static final Pattern MESSAGE_IDS = Pattern.compile("<[^<>\\s]+>");

  /** The longest header value the desk stores (RFC 5322's line limit). */
  static final int MAX_STORED = 998;

  private MailHeaders() {}

  /** A stored mail, parsed the way every step reads it. */
  static MimeMessage parse(byte[] raw) throws MessagingException {
    return new MimeMessage(PARSING, new SharedBytes(raw));
  }

  /** The first From address that is an address. */
  static Optional<EmailAddress> from(MimeMessage message) {
    Address[] from;
    try {
      from = message.getFrom();
    } catch (MessagingException malformed) {
      return Optional.empty();
    }
    if (from == null) {
      return Optional.empty();
    }
    for (Address address : from) {
      if (address instanceof InternetAddress internet) {
        var parsed = EmailAddress.parse(internet.getAddress());
        if (parsed.isPresent()) {
          return parsed;
        }
      }
    }
    return Optional.empty();
  }

  /** Every address the mail was sent to, as the headers and the delivering servers name them. */
  static List<EmailAddress> recipients(MimeMessage message) throws MessagingException {
    var found = new ArrayList<EmailAddress>();
    for (String header : RECIPIENT_HEADERS) {
      var values = message.getHeader(header);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        try {
          for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
            EmailAddress.parse(address.getAddress()).ifPresent(found::add);
          }
        } catch (MessagingException unparsable) {
          // A mangled header names nobody.
        }
      }
    }
    return found;
  }

  /** The Message-IDs a reply points back to: In-Reply-To first, then References newest first. */
  static List<String> threadIds(MimeMessage message) throws MessagingException {
    var ids = new LinkedHashSet<String>();
    for (String header : new String[] {"In-Reply-To", "References"}) {
      var value = message.getHeader(header, " ");
      if (value == null) {
        continue;
      }
      var found = new ArrayList<String>();
      var matcher = MESSAGE_IDS.matcher(MailLimits.cut(value, MailLimits.MAX_HEADER_CHARS));
      while (matcher.find()) {
        found.add(matcher.group());
      }
      Collections.reverse(found);
      ids.addAll(found);
    }
    return new ArrayList<>(ids).subList(0, Math.min(ids.size(), 50));
  }

  /** The decoded subject; null when there is none or it cannot be read. */
  static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException malformed) {
      return null;
    }
  }

  /** The Message-ID; mail without one gets one from its content, so duplicates still collapse. */
  static String messageId(MimeMessage message, byte[] raw) throws MessagingException {
    var header = message.getMessageID();
    if (header != null && !header.isBlank()) {
      return truncate(header.strip(), MAX_STORED);
    }
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return "<sha256-" + HexFormat.of().formatHex(digest) + "@no-message-id>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max);
  }
}
