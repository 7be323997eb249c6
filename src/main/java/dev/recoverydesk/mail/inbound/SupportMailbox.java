package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.oauth2.MailSignIn;
import jakarta.mail.Flags;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.mail.ImapIdleChannelAdapter;
import org.springframework.integration.mail.ImapMailReceiver;
import org.springframework.messaging.Message;

/**
 * The receive step: reads the support mailbox over IMAP IDLE, waking at least every poll interval.
 * Each new mail is fetched by its UID without marking it read ({@code BODY.PEEK}; a mail over the
 * {@link SizeCap} as its headers only), stored ({@link Inbox#store}), and only then flagged {@code
 * \Seen}: a crash in between means it is fetched again and collapses onto the stored copy. The IDLE
 * loop's receiver is {@link UnseenFirstReceiver}, the second look {@link MailboxSweep}; a stored
 * mail goes on to the {@link MailLanes}.
 *
 * <p>Somewhat over 250 lines: the mailbox's wiring and the fetch, store and flag of one mail, kept
 * together so that their order (flag only what is stored) reads in one place.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "recovery.mail.imap.enabled", matchIfMissing = true)
class SupportMailbox {

  private static final Logger log = LoggerFactory.getLogger(SupportMailbox.class);

  static URLName url(MailSettings.Imap imap) {
    return new URLName(
        imap.ssl() ? "imaps" : "imap",
        imap.host(),
        imap.port(),
        imap.folder(),
        imap.username(),
        imap.password());
  }

  static Properties sessionProperties(MailSettings settings) {
    var properties = new Properties();
    var protocol = settings.imap().ssl() ? "imaps" : "imap";
    var pollMillis = settings.pollInterval().toMillis();
    properties.setProperty("mail." + protocol + ".connectiontimeout", "10000");
    // IDLE is interrupted every poll interval, so no read should block much longer; a connection
    // the server silently dropped surfaces after two rounds and is opened again.
    properties.setProperty("mail." + protocol + ".timeout", Long.toString(2 * pollMillis + 10_000));
    properties.setProperty("mail." + protocol + ".peek", "true");
    return properties;
  }

  @Bean
  UnseenFirstReceiver supportMailboxReceiver(MailSettings settings, MailSignIn signIn) {
    return receiver(settings, signIn, settings.imap().expungeStored());
  }

  static UnseenFirstReceiver receiver(
      MailSettings settings, MailSignIn signIn, boolean expungeStored) {
    var receiver = new UnseenFirstReceiver(url(settings.imap()).toString(), expungeStored);
    receiver.setSession(signIn.session(sessionProperties(settings)));
    receiver.setShouldMarkMessagesAsRead(false);
    receiver.setShouldDeleteMessages(false);
    // Keep the live message so that we can flag it \Seen after storing it.
    receiver.setAutoCloseFolder(false);
    receiver.setMaxFetchSize(50);
    // Unseen and not deleted: unlike \Recent, survives other sessions and restarts.
    receiver.setSearchTermStrategy(
        (supportedFlags, folder) ->
            new AndTerm(
                new FlagTerm(new Flags(Flags.Flag.SEEN), false),
                new FlagTerm(new Flags(Flags.Flag.DELETED), false)));
    receiver.setCancelIdleInterval(Math.max(1, settings.pollInterval().toSeconds()));
    return receiver;
  }

  @Bean
  ImapIdleChannelAdapter supportMailboxAdapter(
      ImapMailReceiver supportMailboxReceiver,
      MailSettings settings,
      MailboxLeaderSettings leader) {
    var adapter = new ImapIdleChannelAdapter(supportMailboxReceiver);
    // With several nodes only the elected one reads (MailboxLeaderConfiguration starts it).
    adapter.setAutoStartup(!leader.enabled());
    adapter.setShouldReconnectAutomatically(true);
    adapter.setReconnectDelay(Math.min(5_000, settings.pollInterval().toMillis()));
    return adapter;
  }

  @Bean(destroyMethod = "close")
  MailLanes supportMailLanes(Inbox inbox, MailSettings settings) {
    return new MailLanes(inbox, settings.workers());
  }

  /**
   * The IDLE loop only stores each mail and flags it seen; the lanes handle it. Stopping the flow
   * stops the adapter; the flow's own running flag says nothing of it.
   */
  @Bean
  IntegrationFlow supportMailboxFlow(
      ImapIdleChannelAdapter supportMailboxAdapter,
      UnseenFirstReceiver supportMailboxReceiver,
      Inbox inbox,
      MailLanes supportMailLanes,
      MailSettings settings) {
    return IntegrationFlow.from(supportMailboxAdapter)
        .handle(message -> take(message, inbox, supportMailLanes, settings, supportMailboxReceiver))
        .get();
  }

  /**
   * {@link #take(Message, Inbox, MailLanes, MailSettings, UnseenFirstReceiver)} of a mail from no
   * mailbox.
   */
  static void take(Message<?> message, Inbox inbox, MailLanes lanes, MailSettings settings) {
    take(message, inbox, lanes, settings, null);
  }

  /** Never throws: an exception would stop the IDLE loop. A failed mail stays unseen. */
  static void take(
      Message<?> message,
      Inbox inbox,
      MailLanes lanes,
      MailSettings settings,
      UnseenFirstReceiver receiver) {
    if (message.getPayload() instanceof MimeMessage mail) {
      var stored = store(mail, inbox, settings, receiver);
      if (stored != null && !stored.tooLarge()) {
        lanes.handle(stored.id(), sender(mail));
      } else if (stored != null) {
        handle(stored, inbox);
      }
      if (receiver != null) {
        receiver.taken();
      }
    }
  }

  /**
   * Stores one mail and handles it at once, and leaves it in the mailbox as it was: what the sweep
   * does. The IDLE loop takes it again later, finds it stored, and flags and removes it.
   */
  static void sweepUp(MimeMessage mail, Inbox inbox, MailSettings settings) {
    try {
      handle(keep(mail, inbox, settings), inbox);
    } catch (Exception | StackOverflowError e) {
      log.warn("The mailbox sweep could not store a mail; the IDLE loop or the next sweep will", e);
    }
  }

  private record Stored(long id, boolean tooLarge) {}

  /**
   * The stored mail, or null when it could not be stored (it stays unseen, for a retry). Once
   * stored it is flagged seen and, unless the mailbox keeps stored mail, deleted: the desk holds it
   * whole, and a mailbox that only grows gets slower to search and fetch from. Only the IDLE loop's
   * session flags and expunges, by UID.
   */
  private static Stored store(
      MimeMessage mail, Inbox inbox, MailSettings settings, UnseenFirstReceiver receiver) {
    try {
      var stored = keep(mail, inbox, settings);
      if (stored != null && receiver != null) {
        receiver.markStored(mail);
      }
      return stored;
    } catch (Exception | StackOverflowError e) {
      log.warn("Could not store a mail from the support mailbox; it stays unread for a retry", e);
      return null;
    }
  }

  /**
   * Stores a mail whole, or its headers only when it is over the size cap; null when another
   * session removed it from the mailbox before its bytes were read (nothing stored, nothing to
   * flag).
   */
  private static Stored keep(MimeMessage mail, Inbox inbox, MailSettings settings)
      throws Exception {
    int size = mail.getSize();
    boolean tooLarge = new SizeCap(settings.maxSize()).over(size);
    // Stored before (by a sweep, or by a run that died before flagging it): not downloaded again.
    var known = inbox.storedId(mail.getMessageID());
    if (known.isPresent()) {
      return new Stored(known.get(), tooLarge);
    }
    var raw = tooLarge ? read(mail, "HEADER") : read(mail, "");
    if (raw == null) {
      log.info("A mail left the support mailbox before it was read: another session removed it");
      return null;
    }
    long id = tooLarge ? inbox.store(SizeCap.headersOnly(raw, size), size) : inbox.store(raw);
    return new Stored(id, tooLarge);
  }

  /**
   * The mail's bytes, or its header only, fetched by its UID ({@code UID FETCH uid BODY.PEEK[]}):
   * JavaMail reads them by message number, and once another session has expunged a mail before this
   * one (the embedded GreenMail renumbers before telling us) that number names the next mail. Null
   * when no mail has that UID any more. A mail from no mailbox is read whole.
   */
  private static byte[] read(MimeMessage mail, String section) throws Exception {
    if (!(mail.getFolder() instanceof IMAPFolder folder)) {
      return whole(mail);
    }
    long uid = folder.getUID(mail);
    return (byte[])
        folder.doCommand(
            protocol -> {
              var responses =
                  protocol.command("UID FETCH " + uid + " (UID BODY.PEEK[" + section + "])", null);
              protocol.notifyResponseHandlers(responses);
              protocol.handleResult(responses[responses.length - 1]);
              for (var response : responses) {
                if (response instanceof FetchResponse fetched) {
                  var named = fetched.getItem(UID.class);
                  var body = fetched.getItem(BODY.class);
                  if (named != null && named.uid == uid && body != null) {
                    return body.getByteArrayInputStream().readAllBytes();
                  }
                }
              }
              return null;
            });
  }

  private static void handle(Stored stored, Inbox inbox) {
    if (stored == null) {
      return;
    }
    try {
      if (stored.tooLarge()) {
        inbox.oversized(stored.id());
      } else {
        inbox.process(stored.id());
      }
    } catch (RuntimeException | StackOverflowError e) {
      // Never thrown on into the IDLE loop: it would stop reading the mailbox.
      log.warn("Stored mail {} could not be processed yet", stored.id(), e);
    }
  }

  /** The first From address as the envelope shows it: which lane the mail takes. */
  private static String sender(MimeMessage mail) {
    try {
      var from = mail.getFrom();
      if (from == null || from.length == 0) {
        return "";
      }
      return from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString();
    } catch (Exception unreadable) {
      return "";
    }
  }

  /**
   * A second, independent look at the mailbox every few poll intervals over a connection of its
   * own: IDLE connections can stall or be dropped silently by servers, and a mail must not wait for
   * the next one to arrive. Storing is idempotent and processing locks the mail's row, so taking a
   * mail the IDLE loop is taking at the same moment does no harm. Paused whenever the IDLE adapter
   * is stopped.
   *
   * <p>The sweep only reads: it opens the mailbox read-only and never flags or expunges. The IDLE
   * loop flags and removes by UID, so the sweep's reading changes nothing it does.
   */
  @Bean
  MailboxSweep supportMailboxSweep(
      MailSettings settings,
      MailSignIn signIn,
      Inbox inbox,
      ImapIdleChannelAdapter supportMailboxAdapter) {
    return new MailboxSweep(settings, signIn, inbox, supportMailboxAdapter);
  }

  private static byte[] whole(MimeMessage mail) throws Exception {
    var raw = new ByteArrayOutputStream();
    mail.writeTo(raw);
    return raw.toByteArray();
  }
}
