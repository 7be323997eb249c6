package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.outbound.SentMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mail written by a machine: out-of-office replies, list and bulk mail, our own mail come back. It
 * never counts as an answer and is never answered, so no two robots talk forever (RFC 3834, and the
 * headers Zammad, RT and Discourse look at).
 */
final class MachineMail {

  private static final Pattern MACHINE_SENDER =
      Pattern.compile(
          "^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|auto-?reply)([+.-].*)?$");

  private static final Pattern OUT_OF_OFFICE_SUBJECT =
      Pattern.compile(
          "(?i)^\\s*(auto(matic)?( |-)?reply|autoreply|out of (the )?office|abwesenheitsnotiz"
              + "|r[ée]ponse automatique|respuesta autom[áa]tica|自動返信|自動応答|不在"
              + "|オートリプライ)");

  private MachineMail() {}

  /** What gives a machine's mail away; its code is kept with the mail ({@code status_reason}). */
  enum Kind {
    OWN_MAIL("own-mail"),
    AUTO_SUBMITTED("auto-submitted"),
    AUTO_REPLY("auto-reply"),
    PRECEDENCE_BULK("precedence-bulk"),
    PRECEDENCE_JUNK("precedence-junk"),
    PRECEDENCE_LIST("precedence-list"),
    PRECEDENCE_AUTO_REPLY("precedence-auto_reply"),
    MAILING_LIST("mailing-list"),
    MACHINE_SENDER("machine-sender"),
    OUT_OF_OFFICE("out-of-office");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stable code, e.g. {@code out-of-office}. */
    String code() {
      return code;
    }

    private static Kind precedence(String value) {
      return switch (value) {
        case "bulk" -> PRECEDENCE_BULK;
        case "junk" -> PRECEDENCE_JUNK;
        case "list" -> PRECEDENCE_LIST;
        default -> PRECEDENCE_AUTO_REPLY;
      };
    }
  }

  /** Why the mail is a machine's, or empty when a person may have written it. */
  static Optional<Kind> reason(MimeMessage message, EmailAddress support, EmailAddress sender)
      throws MessagingException {
    var loop = header(message, SentMail.LOOP_HEADER);
    if (loop != null && loop.toLowerCase(Locale.ROOT).contains(support.value())) {
      return Optional.of(Kind.OWN_MAIL);
    }
    var autoSubmitted = header(message, "Auto-Submitted");
    if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return Optional.of(Kind.AUTO_SUBMITTED);
    }
    if (header(message, "X-Autoreply") != null
        || header(message, "X-Autorespond") != null
        || header(message, "X-Autoresponder") != null) {
      return Optional.of(Kind.AUTO_REPLY);
    }
    var precedence = header(message, "Precedence");
    var value = precedence == null ? "" : precedence.strip().toLowerCase(Locale.ROOT);
    if (value.matches("bulk|junk|list|auto_reply")) {
      return Optional.of(Kind.precedence(value));
    }
    if (header(message, "List-Id") != null || header(message, "List-Unsubscribe") != null) {
      return Optional.of(Kind.MAILING_LIST);
    }
    if (sender != null && MACHINE_SENDER.matcher(sender.localPart()).matches()) {
      return Optional.of(Kind.MACHINE_SENDER);
    }
    if (sender != null && sender.equals(support)) {
      return Optional.of(Kind.OWN_MAIL);
    }
    // The start of a subject says out-of-office; a subject of megabytes is read no further.
    var subject = MailLimits.cut(message.getSubject(), 998);
    if (subject != null && OUT_OF_OFFICE_SUBJECT.matcher(subject).find()) {
      return Optional.of(Kind.OUT_OF_OFFICE);
    }
    return Optional.empty();
  }

  private static String header(MimeMessage message, String name) throws MessagingException {
    return MailLimits.cut(message.getHeader(name, ","), MailLimits.MAX_HEADER_CHARS);
  }
}
