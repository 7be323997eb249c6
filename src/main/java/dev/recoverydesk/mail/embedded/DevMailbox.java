package dev.recoverydesk.mail.embedded;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.GreenMail;
import dev.recoverydesk.system.NotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * {@code /dev/mailbox}: every mailbox of the embedded mail server, read and answered in the
 * browser, so the whole story can be tried with nothing but a browser. Demo profile only: it shows
 * anyone every mail, which only a laptop demo may do.
 */
@Controller
@Profile("demo")
@ConditionalOnProperty(name = "recovery.mail.embedded.enabled", matchIfMissing = true)
class DevMailbox {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final GreenMail server;
  private final JavaMailSender smtp;

  DevMailbox(GreenMail server, JavaMailSender smtp) {
    this.server = server;
    this.smtp = smtp;
  }

  /** A mailbox in the list. */
  record Box(String address, int messages, String href) {}

  /** A mail in a mailbox's list, newest first. */
  record Item(long uid, String from, String subject, String received, String href) {}

  @GetMapping("/dev/mailbox")
  String mailboxes(Model model) throws FolderException {
    var boxes = new ArrayList<Box>();
    for (var user : server.getUserManager().listUser()) {
      var inbox = server.getManagers().getImapHostManager().getInbox(user);
      boxes.add(new Box(user.getEmail(), inbox.getMessageCount(), href(user.getEmail())));
    }
    boxes.sort(Comparator.comparing(Box::address));
    model.addAttribute("boxes", boxes);
    return "dev/mailboxes";
  }

  @GetMapping("/dev/mailbox/{address}")
  String mailbox(@PathVariable String address, Model model) throws MessagingException {
    var items = new ArrayList<Item>();
    var inbox = inbox(address);
    for (long uid : inbox.getMessageUids()) {
      var message = inbox.getMessage(uid).getMimeMessage();
      items.add(
          new Item(
              uid, from(message), subject(message), received(message), href(address) + "/" + uid));
    }
    items.sort(Comparator.comparingLong(Item::uid).reversed());
    model.addAttribute("address", address);
    model.addAttribute("items", items);
    return "dev/mailbox";
  }

  @GetMapping("/dev/mailbox/{address}/{uid}")
  String message(@PathVariable String address, @PathVariable long uid, Model model)
      throws MessagingException, IOException {
    var message = message(address, uid);
    var text = text(message);
    model.addAttribute("address", address);
    model.addAttribute("back", href(address));
    model.addAttribute("from", from(message));
    model.addAttribute("to", String.join(", ", addresses(message.getAllRecipients())));
    model.addAttribute("replyTo", String.join(", ", addresses(message.getReplyTo())));
    model.addAttribute("subject", subject(message));
    model.addAttribute("received", received(message));
    model.addAttribute("text", text);
    model.addAttribute(
        "links", LINK.matcher(text).results().map(m -> m.group()).distinct().toList());
    model.addAttribute("quoted", quoted(message, text));
    model.addAttribute("action", href(address) + "/" + uid + "/reply");
    return "dev/message";
  }

  /** Sends the reply as the mailbox's owner would from a mail client: threaded, to Reply-To. */
  @PostMapping("/dev/mailbox/{address}/{uid}/reply")
  String reply(
      @PathVariable String address,
      @PathVariable long uid,
      @RequestParam(defaultValue = "") String body,
      Model model)
      throws MessagingException {
    var original = message(address, uid);
    var reply = (MimeMessage) original.reply(false);
    reply.setFrom(new InternetAddress(address));
    reply.setText(body, StandardCharsets.UTF_8.name());
    smtp.send(reply);
    model.addAttribute("address", address);
    model.addAttribute("back", href(address));
    model.addAttribute("to", String.join(", ", addresses(reply.getAllRecipients())));
    return "dev/sent";
  }

  private MailFolder inbox(String address) {
    var user = server.getUserManager().getUserByEmail(address);
    if (user == null) {
      throw new NotFoundException("Mailbox " + address);
    }
    try {
      return server.getManagers().getImapHostManager().getInbox(user);
    } catch (FolderException e) {
      throw new NotFoundException("Mailbox " + address);
    }
  }

  private MimeMessage message(String address, long uid) {
    var stored = inbox(address).getMessage(uid);
    if (stored == null) {
      throw new NotFoundException("Mail " + uid + " in " + address);
    }
    return stored.getMimeMessage();
  }

  private static String href(String address) {
    return "/dev/mailbox/" + UriUtils.encodePathSegment(address, StandardCharsets.UTF_8);
  }

  private static String from(MimeMessage message) throws MessagingException {
    return String.join(", ", addresses(message.getFrom()));
  }

  private static List<String> addresses(jakarta.mail.Address[] addresses) {
    if (addresses == null) {
      return List.of();
    }
    var out = new ArrayList<String>();
    for (var address : addresses) {
      out.add(
          address instanceof InternetAddress internet ? internet.toUnicodeString() : "" + address);
    }
    return out;
  }

  private static String subject(MimeMessage message) throws MessagingException {
    return message.getSubject() == null ? "(no subject)" : message.getSubject();
  }

  private static String received(MimeMessage message) throws MessagingException {
    var date = message.getSentDate();
    return date == null ? "" : WHEN.format(date.toInstant());
  }

  /** The text a mail client shows: the plain part, else the HTML part's text. */
  static String text(Part part) throws MessagingException, IOException {
    var plain = first(part, "text/plain");
    if (plain != null) {
      return plain;
    }
    var html = first(part, "text/html");
    return html == null ? "" : Jsoup.parse(html).wholeText().strip();
  }

  private static String first(Part part, String type) throws MessagingException, IOException {
    if (part.isMimeType(type)) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof MimeMultipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        var found = first(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** What a mail client puts in a reply: room to write above, the original quoted below. */
  private static String quoted(Message message, String text) throws MessagingException {
    var quoted = new StringBuilder("\n\n");
    quoted.append("On ").append(received((MimeMessage) message)).append(", ");
    quoted.append(from((MimeMessage) message)).append(" wrote:\n");
    text.lines().forEach(line -> quoted.append("> ").append(line).append('\n'));
    return quoted.toString();
  }
}
