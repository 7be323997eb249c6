package dev.recoverydesk.mail.inbound;

import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.Lifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.mail.ImapIdleChannelAdapter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Several nodes, one support mailbox: only the node elected by {@link MailboxLeader} holds the IMAP
 * IDLE connection and runs the mailbox sweep. Off (one node), the reader starts with the context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
    "${recovery.mail.imap.enabled:true} and ${recovery.mail.imap.leader.enabled:false}")
class MailboxLeaderConfiguration {

  @Bean(destroyMethod = "close")
  MailboxLeader supportMailboxLeader(
      DataSource dataSource,
      PlatformTransactionManager transactions,
      MailboxLeaderSettings settings,
      ImapIdleChannelAdapter supportMailboxAdapter,
      UnseenFirstReceiver supportMailboxReceiver) {
    return new MailboxLeader(
        dataSource,
        transactions,
        settings,
        MailboxLeader.nodeName(settings.nodeName()),
        reading(supportMailboxAdapter, supportMailboxReceiver));
  }

  /** The IDLE loop as leadership starts and stops it; the sweep follows the adapter. */
  static Lifecycle reading(ImapIdleChannelAdapter adapter, UnseenFirstReceiver receiver) {
    return new Lifecycle() {
      @Override
      public void start() {
        adapter.start();
      }

      @Override
      public void stop() {
        adapter.stop();
        receiver.release();
      }

      @Override
      public boolean isRunning() {
        return adapter.isRunning();
      }
    };
  }

  /**
   * Who reads the support mailbox, under {@code /actuator/health} (details for administrators):
   * this node's name, whether it reads, and which node holds the reader's lock. Always UP: a node
   * that does not read is as healthy as the one that does.
   */
  @Bean
  HealthIndicator mailboxReaderHealthIndicator(MailboxLeader supportMailboxLeader) {
    return () ->
        Health.up()
            .withDetail("node", supportMailboxLeader.node())
            .withDetail("reads", supportMailboxLeader.reads())
            .withDetail("reader", supportMailboxLeader.reader().orElse("none"))
            .build();
  }
}
