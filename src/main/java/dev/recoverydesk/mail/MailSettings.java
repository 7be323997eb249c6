package dev.recoverydesk.mail;

import dev.recoverydesk.common.EmailAddress;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The support mailbox and how we reach it. Outgoing mail uses Spring's {@code spring.mail.*} SMTP
 * settings; incoming mail is read over IMAP from the mailbox below.
 *
 * @param supportAddress where users write to; replies go to its signed sub-addresses
 * @param fromName the display name on every mail we send
 * @param pollInterval the longest a new mail waits before we look, should IMAP IDLE miss it
 * @param maxSize the largest mail stored whole; of a larger one only the headers are kept, and its
 *     sender is told
 * @param imap the support mailbox over IMAP
 * @param embedded an in-process mail server for laptops, demos and tests
 * @param workers how many mails are handled at once once stored; one sender's mails are handled one
 *     after another, in the order they came
 * @param trustedAuthservIds the ids of the mail servers whose {@code Authentication-Results} header
 *     the desk believes (RFC 8601): a mail matched only by its subject tag and sender counts only
 *     when the topmost such header of one of these servers says DMARC, or aligned DKIM, passed.
 *     Empty: no server is believed, and such mail goes to triage
 */
@ConfigurationProperties("recovery.mail")
public record MailSettings(
    @DefaultValue("support@recovery.local") EmailAddress supportAddress,
    @DefaultValue("Recovery Desk") String fromName,
    @DefaultValue("PT30S") Duration pollInterval,
    @DefaultValue("10MB") DataSize maxSize,
    @DefaultValue Imap imap,
    @DefaultValue Embedded embedded,
    @DefaultValue("4") int workers,
    @DefaultValue List<String> trustedAuthservIds) {

  /**
   * @param ssl use IMAPS (TLS from the first byte)
   * @param enabled whether this node reads the mailbox at all
   * @param expungeStored remove a mail from the mailbox once it is stored (the desk keeps it
   *     whole); {@code false} leaves it there, flagged seen
   */
  public record Imap(
      @DefaultValue("127.0.0.1") String host,
      @DefaultValue("3143") int port,
      String username,
      String password,
      @DefaultValue("false") boolean ssl,
      @DefaultValue("INBOX") String folder,
      @DefaultValue("true") boolean enabled,
      @DefaultValue("true") boolean expungeStored) {}

  /**
   * @param enabled start GreenMail in-process on the SMTP and IMAP hosts and ports configured
   */
  public record Embedded(@DefaultValue("true") boolean enabled) {}
}
