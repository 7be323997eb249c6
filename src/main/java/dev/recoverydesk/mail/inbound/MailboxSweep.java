package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.oauth2.MailSignIn;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.mail.ImapIdleChannelAdapter;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The support mailbox's second look, as the scheduler runs it every five poll intervals, over a
 * connection of its own: it only reads (the mailbox opened read-only) and stores and handles what
 * is unseen ({@link SupportMailbox#sweepUp}); the IDLE loop flags and removes.
 */
final class MailboxSweep implements SchedulingConfigurer, Runnable {

  private static final Logger log = LoggerFactory.getLogger(MailboxSweep.class);

  private final MailSettings settings;
  private final MailSignIn signIn;
  private final Inbox inbox;
  private final ImapIdleChannelAdapter idle;

  MailboxSweep(MailSettings settings, MailSignIn signIn, Inbox inbox, ImapIdleChannelAdapter idle) {
    this.settings = settings;
    this.signIn = signIn;
    this.inbox = inbox;
    this.idle = idle;
  }

  /**
   * Whether the sweep looks at the mailbox: while the IDLE adapter runs. Not the flow's own running
   * flag: a flow is never auto-started (its parts start themselves), so that flag stays false and
   * the sweep would never run.
   */
  boolean active() {
    return idle.isRunning();
  }

  @Override
  public void run() {
    if (active()) {
      sweep(settings, signIn, inbox);
    }
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(this, settings.pollInterval().multipliedBy(5));
  }

  static void sweep(MailSettings settings, MailSignIn signIn, Inbox inbox) {
    var imap = settings.imap();
    var protocol = imap.ssl() ? "imaps" : "imap";
    try (var store =
        signIn.session(SupportMailbox.sessionProperties(settings)).getStore(protocol)) {
      store.connect(imap.host(), imap.port(), imap.username(), imap.password());
      var folder = store.getFolder(imap.folder());
      folder.open(Folder.READ_ONLY);
      try {
        var unseen =
            folder.search(
                new AndTerm(
                    new FlagTerm(new Flags(Flags.Flag.SEEN), false),
                    new FlagTerm(new Flags(Flags.Flag.DELETED), false)));
        for (var message : unseen) {
          if (message instanceof MimeMessage mail) {
            SupportMailbox.sweepUp(mail, inbox, settings);
          }
        }
      } finally {
        folder.close(false);
      }
    } catch (Exception e) {
      log.warn("The mailbox sweep could not read the support mailbox; IDLE goes on", e);
    }
  }
}
