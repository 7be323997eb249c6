package dev.recoverydesk;

import static org.awaitility.Awaitility.await;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * A user's mail client in tests: reads a mailbox over real IMAP and sends over real SMTP, as a
 * locked-out user's Gmail or Outlook would.
 */
public final class MailClient {

  private final String host;
  private final int smtpPort;
  private final int imapPort;
  private final Session session;

  public MailClient(String host, int smtpPort, int imapPort) {
    this.host = host;
    this.smtpPort = smtpPort;
    this.imapPort = imapPort;
    var properties = new Properties();
    properties.setProperty("mail.smtp.host", host);
    properties.setProperty("mail.smtp.port", Integer.toString(smtpPort));
    properties.setProperty("mail.imap.connectiontimeout", "5000");
    properties.setProperty("mail.imap.timeout", "5000");
    this.session = Session.getInstance(properties);
  }

  /** Every mail in the address's inbox, detached from the server. */
  public List<MimeMessage> inbox(String address) {
    try (var store = session.getStore("imap")) {
      store.connect(host, imapPort, address, "any password");
      var folder = store.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
      var copies = new ArrayList<MimeMessage>();
      for (Message message : folder.getMessages()) {
        var raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        copies.add(new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray())));
      }
      folder.close(false);
      return copies;
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Cannot read the mailbox of " + address, e);
    }
  }

  /** Waits until a mail the predicate accepts is in the address's inbox. */
  public MimeMessage awaitMail(String address, Predicate<MimeMessage> wanted) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> inbox(address).stream().filter(wanted).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }

  /** The raw bytes of the mail with this Message-ID in a mailbox, read without marking it seen. */
  public byte[] peek(String address, String messageId) {
    return withMessage(
        address,
        messageId,
        message -> {
          var raw = new ByteArrayOutputStream();
          message.writeTo(raw);
          return raw.toByteArray();
        });
  }

  /** Whether the mail with this Message-ID is flagged \\Seen in a mailbox. */
  public boolean isSeen(String address, String messageId) {
    return withMessage(address, messageId, message -> message.isSet(Flags.Flag.SEEN));
  }

  /**
   * Whether the desk has taken the mail from a mailbox: flagged it \\Seen, or removed it once
   * stored.
   */
  public boolean isTaken(String address, String messageId) {
    try {
      return isSeen(address, messageId);
    } catch (IllegalStateException gone) {
      return true;
    }
  }

  private interface MessageFunction<T> {
    T apply(Message message) throws MessagingException, IOException;
  }

  private <T> T withMessage(String address, String messageId, MessageFunction<T> function) {
    var properties = new Properties();
    properties.setProperty("mail.imap.peek", "true");
    try (var store = Session.getInstance(properties).getStore("imap")) {
      store.connect(host, imapPort, address, "any password");
      var folder = store.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
      try {
        var found = folder.search(new jakarta.mail.search.HeaderTerm("Message-ID", messageId));
        if (found.length == 0) {
          throw new IllegalStateException("No mail " + messageId + " for " + address);
        }
        return function.apply(found[0]);
      } finally {
        folder.close(false);
      }
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Message-IDs of the mail not yet flagged \\Seen in a mailbox, read without flagging it. */
  public List<String> unseenMessageIds(String address) {
    var properties = new Properties();
    properties.setProperty("mail.imap.peek", "true");
    try (var store = Session.getInstance(properties).getStore("imap")) {
      store.connect(host, imapPort, address, "any password");
      var folder = store.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
      var ids = new ArrayList<String>();
      for (Message message : folder.getMessages()) {
        if (!message.isSet(Flags.Flag.SEEN)) {
          var header = message.getHeader("Message-ID");
          ids.add(header == null ? "(none)" : header[0]);
        }
      }
      folder.close(false);
      return ids;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the support mailbox still holds unseen mail (mail we have not taken in yet). */
  public int unseenInSupportMailbox(String supportAddress) {
    try (var store = session.getStore("imap")) {
      store.connect(host, imapPort, supportAddress, "any password");
      var folder = store.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
      int unseen = 0;
      for (Message message : folder.getMessages()) {
        if (!message.isSet(Flags.Flag.SEEN)) {
          unseen++;
        }
      }
      folder.close(false);
      return unseen;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A reply as a mail client writes it: threaded, quoting nothing, plain text. */
  public MimeMessage reply(MimeMessage original, String from, String body) {
    try {
      var reply = (MimeMessage) original.reply(false);
      reply.setFrom(new InternetAddress(from));
      reply.setText(body, StandardCharsets.UTF_8.name());
      return reply;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public MimeMessage compose(
      String from, String to, String subject, String body, Map<String, String> headers) {
    try {
      var message = new MimeMessage(session);
      message.setFrom(new InternetAddress(from));
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setText(body, StandardCharsets.UTF_8.name());
      for (var header : headers.entrySet()) {
        message.setHeader(header.getKey(), header.getValue());
      }
      return message;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends over SMTP; the envelope recipients are the message's To and Cc. */
  public void send(MimeMessage message) {
    try {
      message.saveChanges();
      Transport.send(message);
    } catch (MessagingException e) {
      throw new IllegalStateException("Cannot send over SMTP port " + smtpPort, e);
    }
  }

  /**
   * Sends a mail exactly as given, byte for byte, to the envelope recipients: what a mail client or
   * a remote server hands to ours.
   */
  public void sendRaw(byte[] raw, String... envelopeRecipients) {
    try {
      var message = new MimeMessage(session, new ByteArrayInputStream(raw));
      var to = new jakarta.mail.Address[envelopeRecipients.length];
      for (int i = 0; i < to.length; i++) {
        to[i] = new InternetAddress(envelopeRecipients[i]);
      }
      try (var transport = session.getTransport("smtp")) {
        transport.connect();
        // Not Transport.send: that would give the mail a new Message-ID.
        transport.sendMessage(message, to);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("Cannot send over SMTP port " + smtpPort, e);
    }
  }

  /** Sends the same bytes again, Message-ID included: what a retrying server does. */
  public void sendAgain(MimeMessage message) {
    try {
      var raw = new ByteArrayOutputStream();
      message.writeTo(raw);
      var copy = new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));
      try (var transport = session.getTransport("smtp")) {
        transport.connect();
        // Not Transport.send: that would give the copy a new Message-ID.
        transport.sendMessage(copy, copy.getAllRecipients());
      }
    } catch (MessagingException | IOException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  /** The text/plain parts of a mail, in order. */
  public static String text(MimeMessage message) {
    return parts(message, "text/plain");
  }

  /** The text/html parts of a mail, in order. */
  public static String html(MimeMessage message) {
    return parts(message, "text/html");
  }

  private static String parts(MimeMessage message, String mimeType) {
    try {
      return collect(message.getContent(), message.getContentType(), mimeType);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String collect(Object content, String type, String mimeType)
      throws MessagingException, IOException {
    if (content instanceof String text) {
      return type.toLowerCase(java.util.Locale.ROOT).startsWith(mimeType) ? text : "";
    }
    if (content instanceof jakarta.mail.Multipart multipart) {
      var out = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        var part = multipart.getBodyPart(i);
        out.append(collect(part.getContent(), part.getContentType(), mimeType));
      }
      return out.toString();
    }
    return "";
  }
}
