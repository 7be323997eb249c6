package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.NewMailHandler;
import dev.recoverydesk.mail.ReplyAddress;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.mail.outbound.SentMail;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An inbox made of the shared context's own parts (its database, cases, engine and mail), set up as
 * an operator might set up another desk: other mail settings, or a step of its own in front of the
 * desk's. Mail handed straight to it never passes the shared desk's mailbox, so the test context
 * stays the one all integration tests share.
 */
final class Inboxes {

  private Inboxes() {}

  /** The desk's settings, believing the Authentication-Results of these servers. */
  static MailSettings trusting(MailSettings settings, String... authservIds) {
    return new MailSettings(
        settings.supportAddress(),
        settings.fromName(),
        settings.pollInterval(),
        settings.maxSize(),
        settings.imap(),
        settings.embedded(),
        settings.workers(),
        List.of(authservIds));
  }

  /**
   * The desk's inbox with these settings; a reply goes to the steps given first, in their order,
   * and to the desk's own handler when none of them knows its case.
   */
  static Inbox of(ApplicationContext context, MailSettings settings, ReplyHandler... first) {
    var desk = context.getBean(ReplyHandler.class);
    ReplyHandler handlers =
        reply -> {
          for (ReplyHandler step : first) {
            var outcome = step.handle(reply);
            if (outcome != ReplyHandler.Outcome.NOT_MINE) {
              return outcome;
            }
          }
          return desk.handle(reply);
        };
    return new Inbox(
        context.getBean(InboundMailRepository.class),
        context.getBean(ReplyAddress.class),
        context.getBean(SentMail.class),
        handlers,
        context.getBeanProvider(NewMailHandler.class).orderedStream().toList(),
        context,
        context.getBean(TransactionTemplate.class),
        settings,
        context.getBean(Mailer.class),
        context.getBean(Clock.class));
  }
}
