package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two nodes polling one mailbox see the same mail at once: it is stored once, by the database. */
class ConcurrentIngestTest extends IntegrationTest {

  @Autowired Inbox inbox;
  @Autowired JdbcTemplate jdbc;

  @Test
  void the_same_mail_stored_by_many_pollers_at_once_is_one_row() throws Exception {
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
    } finally {
      pool.shutdownNow();
    }
  }
}
