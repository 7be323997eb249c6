package dev.recoverydesk.twofactor.sms;

import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.twofactor.SmsGateway;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which SMS gateway runs: outside production a development outbox, the demo user's "phone"; in
 * production a gateway that refuses until a real provider's adapter is configured.
 */
@Configuration(proxyBeanMethods = false)
class SmsGateways {

  @Bean
  @Profile("!production")
  SmsGateway outboxSmsGateway(JdbcTemplate jdbc, Clock clock) {
    return new OutboxSmsGateway(jdbc, clock);
  }

  @Bean
  @Profile("production")
  SmsGateway unconfiguredSmsGateway() {
    return (to, text) -> {
      throw new IllegalStateException("No SMS provider is configured for production");
    };
  }

  /** Keeps every text in a table that the demo and the tests read as the user's phone. */
  static class OutboxSmsGateway implements SmsGateway {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    OutboxSmsGateway(JdbcTemplate jdbc, Clock clock) {
      this.jdbc = jdbc;
      this.clock = clock;
    }

    @Override
    public void send(PhoneNumber to, String text) {
      if (text.length() > 500) {
        throw new IllegalArgumentException("An SMS is at most 500 characters");
      }
      jdbc.update(
          "insert into sms_outbox (phone, body, sent_at) values (?, ?, ?)",
          to.e164(),
          text,
          Timestamp.from(clock.instant()));
    }
  }
}
