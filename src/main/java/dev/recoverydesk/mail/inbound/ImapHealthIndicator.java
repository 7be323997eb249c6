package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.oauth2.MailSignIn;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** UP when the support mailbox answers an IMAP login and its folder exists. */
@Component("imapHealthIndicator")
@ConditionalOnProperty(name = "recovery.mail.imap.enabled", matchIfMissing = true)
public class ImapHealthIndicator extends AbstractHealthIndicator {

  private final MailSettings settings;
  private final MailSignIn signIn;

  public ImapHealthIndicator(MailSettings settings, MailSignIn signIn) {
    super("IMAP health check failed");
    this.settings = settings;
    this.signIn = signIn;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    var imap = settings.imap();
    var properties = SupportMailbox.sessionProperties(settings);
    var protocol = imap.ssl() ? "imaps" : "imap";
    properties.setProperty("mail." + protocol + ".timeout", "5000");
    properties.setProperty("mail." + protocol + ".connectiontimeout", "5000");
    var session = signIn.session(properties);
    try (var store = session.getStore(protocol)) {
      store.connect(imap.host(), imap.port(), imap.username(), imap.password());
      var folder = store.getFolder(imap.folder());
      if (!folder.exists()) {
        builder.down().withDetail("folder", imap.folder() + " does not exist");
        return;
      }
      builder.up().withDetail("location", imap.host() + ":" + imap.port());
    }
  }
}
