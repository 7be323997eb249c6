package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.OnPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * {@link MailboxLeaderTest} on PostgreSQL, where the production profile's settings elect the desk's
 * own reader too: the reader's lock is a row in PostgreSQL, and health says who holds it.
 */
@OnPostgres
class MailboxLeaderOnPostgresTest extends MailboxLeaderTest {

  @Autowired
  @Qualifier("mailboxReaderHealthIndicator")
  HealthIndicator mailboxReader;

  @Test
  void health_names_the_node_that_reads_the_mailbox() {
    var leader = desksOwnLeader.getObject();
    leader.start();
    await().atMost(Duration.ofSeconds(20)).until(leader::reads);

    var health = mailboxReader.health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails())
        .containsEntry("node", leader.node())
        .containsEntry("reads", true)
        .containsEntry("reader", leader.node());
  }
}
