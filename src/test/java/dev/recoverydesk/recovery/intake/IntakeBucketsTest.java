package dev.recoverydesk.recovery.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.PostgresServer;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.recovery.CasePolicy;
import dev.recoverydesk.system.DeskProperties;
import dev.recoverydesk.system.TokenSigner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The intake limits' buckets live in the desk's database, on both databases the desk runs on:
 * several nodes (here, limiters of their own on one database) spend one budget, concurrent requests
 * never spend more than it holds, and the desk's clock refills it.
 */
class IntakeBucketsTest {

  private static final CasePolicy POLICY =
      new CasePolicy(3, Duration.ofDays(1), "device_id", 3, 5, Duration.ofHours(1));

  private static final TokenSigner SIGNER =
      new TokenSigner(
          new DeskProperties(
              Path.of("unused"),
              URI.create("http://127.0.0.1:8080"),
              new DeskProperties.Security("a-secret-of-at-least-thirty-two-bytes!", null)));

  /** What each database must do; the nested classes give the database. */
  abstract static class Contract {

    final MutableClock clock = new MutableClock();
    HikariDataSource dataSource;

    abstract HikariDataSource database();

    abstract String vendor();

    @BeforeEach
    void migrated() {
      dataSource = database();
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration", "classpath:db/vendor/" + vendor())
          .load()
          .migrate();
    }

    @AfterEach
    void closed() {
      if (dataSource != null) {
        dataSource.close();
      }
    }

    /** One node of the desk: its own bucket store and limiter on the shared database. */
    IntakeLimits node() {
      return new IntakeLimits(IntakeBuckets.store(dataSource, clock), POLICY, SIGNER);
    }

    @Test
    void nodes_on_one_database_spend_one_budget() {
      var first = node();
      var second = node();
      var victim = new EmailAddress("victim@example.com");

      first.contact(victim);
      second.contact(victim);
      first.contact(victim);

      assertThatThrownBy(() -> second.contact(victim))
          .isInstanceOfSatisfying(
              IntakeLimited.class,
              limited -> {
                assertThat(limited.limit()).isEqualTo(IntakeLimited.Limit.CONTACT);
                assertThat(limited.retryAfter().orElseThrow())
                    .isPositive()
                    .isLessThanOrEqualTo(Duration.ofHours(8));
              });
      assertThatThrownBy(() -> first.contact(new EmailAddress("Victim+again@Example.com")))
          .isInstanceOf(IntakeLimited.class);
      second.contact(new EmailAddress("someone.else@example.com"));
      assertThat(rows()).as("one bucket per address").isEqualTo(2);
    }

    @Test
    void the_table_keeps_digests_not_addresses() {
      node().contact(new EmailAddress("private.person@example.com"));
      node().client("198.51.100.23");

      var ids =
          new JdbcTemplate(dataSource).queryForList("select id from intake_bucket", String.class);
      assertThat(ids).hasSize(2).noneMatch(id -> id.contains("private") || id.contains("198.51"));
    }

    @Test
    void the_budget_fills_again_with_the_desks_clock() {
      var node = node();
      var contact = new EmailAddress("patient@example.com");
      for (int i = 0; i < 3; i++) {
        node.contact(contact);
      }
      assertThatThrownBy(() -> node.contact(contact)).isInstanceOf(IntakeLimited.class);

      // Three a day: one more every eight hours, not three more at midnight.
      clock.advance(Duration.ofHours(8));
      node.contact(contact);
      assertThatThrownBy(() -> node.contact(contact)).isInstanceOf(IntakeLimited.class);
    }

    @Test
    void concurrent_requests_never_spend_more_than_the_budget() throws Exception {
      var clients = new ArrayList<Callable<Boolean>>();
      for (int i = 0; i < 12; i++) {
        var node = node();
        clients.add(
            () -> {
              try {
                node.client("203.0.113.9");
                return true;
              } catch (IntakeLimited limited) {
                return false;
              }
            });
      }
      var pool = Executors.newFixedThreadPool(6);
      try {
        int spent = 0;
        for (Future<Boolean> result : pool.invokeAll(clients)) {
          spent += result.get() ? 1 : 0;
        }
        assertThat(spent).isEqualTo(POLICY.maxPerClient());
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    void rows_of_buckets_full_again_are_removed() {
      var jdbc = new JdbcTemplate(dataSource);
      var buckets = new IntakeBuckets(dataSource, clock);
      new IntakeLimits(buckets.store(), POLICY, SIGNER).client("192.0.2.1");
      jdbc.update(
          "insert into intake_bucket (id, state, expires_at) values (?, null, ?)",
          "client:long-gone",
          System.currentTimeMillis() - 1);

      buckets.removeExpired();

      assertThat(jdbc.queryForList("select id from intake_bucket", String.class))
          .hasSize(1)
          .doesNotContain("client:long-gone");
    }

    int rows() {
      return new JdbcTemplate(dataSource)
          .queryForObject("select count(*) from intake_bucket", Integer.class);
    }
  }

  @Nested
  class OnH2 extends Contract {

    @Override
    HikariDataSource database() {
      return pool("jdbc:h2:mem:intake-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Override
    String vendor() {
      return "h2";
    }
  }

  /**
   * The same on PostgreSQL, in a database made for the test and dropped after it. Without a server
   * these tests are skipped with a notice (see {@link PostgresServer}); CI machines have one.
   */
  @Nested
  class OnPostgreSql extends Contract {

    private PostgresServer.Database database;

    @Override
    HikariDataSource database() {
      database = PostgresServer.create("intake");
      return pool(database.url(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Override
    String vendor() {
      return "postgresql";
    }

    @AfterEach
    void dropped() {
      if (database != null) {
        closed();
        database.close();
      }
    }
  }

  private static HikariDataSource pool(String url, String user, String password) {
    var config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(8);
    return new HikariDataSource(config);
  }
}
