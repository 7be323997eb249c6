package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes polling one mailbox see the same mail at once: it is stored once, by the database. The
 * losers of that race are no fault: no ERROR line, and each is counted as a duplicate.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConcurrentIngestTest extends IntegrationTest {

  @Autowired Inbox inbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  @Test
  void the_same_mail_stored_by_many_pollers_at_once_is_one_row(CapturedOutput output)
      throws Exception {
    double duplicatesBefore = duplicates();
    var messageId = "<" + UUID.randomUUID() + "@client.example>";
    var raw =
        ("From: someone@example.com\r\nTo: support@recovery.local\r\nSubject: hello\r\n"
                + "Message-ID: "
                + messageId
                + "\r\n\r\nHello.\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    int pollers = 6;
    var start = new CyclicBarrier(pollers);
    var pool = Executors.newFixedThreadPool(pollers);
    try {
      var stores = new ArrayList<Callable<Long>>();
      for (int i = 0; i < pollers; i++) {
        stores.add(
            () -> {
              start.await();
              return inbox.store(raw);
            });
      }
      var ids = new HashSet<Long>();
      for (var future : pool.invokeAll(stores)) {
        ids.add(future.get());
      }
      assertThat(ids).hasSize(1);
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from inbound_mail where message_id = ?",
                  Integer.class,
                  messageId))
          .isEqualTo(1);
      assertThat(output.getAll())
          .doesNotContain(" ERROR ")
          .doesNotContainIgnoringCase("duplicate key");
      assertThat(duplicates() - duplicatesBefore).isEqualTo(pollers - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  private double duplicates() {
    var counter = meters.find("recovery.mail.received").tag("verdict", "duplicate").counter();
    return counter == null ? 0 : counter.count();
  }
}
