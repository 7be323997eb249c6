package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.mail.MailboxRead;
import jakarta.mail.FetchProfile;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.mail.ImapMailReceiver;

/**
 * The support mailbox's IDLE loop ({@link SupportMailbox}, the receive step). Looks for unseen mail
 * before each IDLE. The stock receiver trusts {@code \Recent} when the server offers it, and a mail
 * that arrived while the last ones were being stored is no longer recent to us: it would wait for
 * the next arrival, or a whole poll interval.
 *
 * <p>The stock receiver also sets a keyword of its own ({@code spring-integration-mail-adapter}) on
 * each mail it fetches, by message number, right after its search. The desk neither searches by nor
 * removes by that keyword, so should it land on another mail nothing changes; what the desk flags
 * and removes, it does by UID.
 */
final class UnseenFirstReceiver extends ImapMailReceiver {

  private static final Logger log = LoggerFactory.getLogger(UnseenFirstReceiver.class);

  private final boolean expungeStored;
  private final Set<Long> storedAndDeleted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger notTaken = new AtomicInteger();
  private volatile boolean toldNoUidPlus;

  UnseenFirstReceiver(String url, boolean expungeStored) {
    super(url);
    this.expungeStored = expungeStored;
  }

  /**
   * The mails of one look at the mailbox, each then stored and handed on by {@link
   * SupportMailbox#take}. Their count is set anew at each look, so a batch cut short (a lost
   * connection) leaves no count.
   */
  @Override
  public Object[] receive() throws MessagingException {
    var found = super.receive();
    notTaken.set(found.length);
    return found;
  }

  /** One mail of the last batch was stored and handed on, or could not be. */
  void taken() {
    notTaken.updateAndGet(left -> Math.max(0, left - 1));
  }

  /** Mails the last look at the mailbox found and the IDLE loop has not stored yet. */
  int notTaken() {
    return notTaken.get();
  }

  /** Each mail's UID comes with its envelope, in one FETCH, so that it names that very mail. */
  @Override
  protected void fetchMessages(jakarta.mail.Message[] messages) throws MessagingException {
    var profile = new FetchProfile();
    profile.add(FetchProfile.Item.ENVELOPE);
    profile.add(FetchProfile.Item.CONTENT_INFO);
    profile.add(FetchProfile.Item.FLAGS);
    profile.add(UIDFolder.FetchProfileItem.UID);
    getFolder().fetch(messages, profile);
  }

  /**
   * Flags a stored mail {@code \Seen}, and {@code \Deleted} unless the mailbox keeps stored mail,
   * by its UID ({@code UID STORE}). A message number names another mail as soon as another session
   * expunges, and some servers (the embedded GreenMail) renumber before telling us.
   */
  void markStored(MimeMessage mail) throws MessagingException {
    if (!(mail.getFolder() instanceof IMAPFolder folder)) {
      return;
    }
    long uid = folder.getUID(mail);
    var flags = expungeStored ? "(\\Seen \\Deleted)" : "(\\Seen)";
    folder.doCommand(
        protocol -> {
          var responses = protocol.command("UID STORE " + uid + " +FLAGS.SILENT " + flags, null);
          protocol.notifyResponseHandlers(responses);
          protocol.handleResult(responses[responses.length - 1]);
          return null;
        });
    if (expungeStored) {
      storedAndDeleted.add(uid);
    }
  }

  /**
   * Removes the mail this session stored and flagged deleted, and only that ({@code UID EXPUNGE},
   * RFC 4315 UIDPLUS). A server without UIDPLUS has only {@code EXPUNGE}, which would also remove
   * what other sessions flagged deleted: there stored mail stays, flagged.
   */
  void expungeStored() throws MessagingException {
    if (storedAndDeleted.isEmpty() || !(getFolder() instanceof IMAPFolder folder)) {
      return;
    }
    var uids = storedAndDeleted.stream().mapToLong(Long::longValue).toArray();
    boolean expunged =
        (Boolean)
            folder.doCommand(
                protocol -> {
                  if (!protocol.hasCapability("UIDPLUS")) {
                    return false;
                  }
                  protocol.uidexpunge(UIDSet.createUIDSets(uids));
                  return true;
                });
    if (!expunged && !toldNoUidPlus) {
      toldNoUidPlus = true;
      log.info(
          "The mail server has no UIDPLUS: stored mail is flagged deleted, not removed from the"
              + " support mailbox");
    }
    for (long uid : uids) {
      storedAndDeleted.remove(uid);
    }
  }

  /** Ends this session's IDLE and closes the mailbox: another node reads it now. */
  void release() {
    notTaken.set(0);
    closeFolder();
  }

  /** Called when the last batch has been stored: the time to expunge what it flagged deleted. */
  @Override
  public void waitForNewMessages() throws MessagingException {
    openFolder();
    expungeStored();
    if (searchForNewMessages().length > 0) {
      return;
    }
    getApplicationContext().publishEvent(new MailboxRead()); // for the last-read metric
    super.waitForNewMessages();
  }
}
