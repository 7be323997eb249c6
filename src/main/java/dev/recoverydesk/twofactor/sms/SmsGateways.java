package dev.recoverydesk.twofactor.sms;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.mail.OutboundText;
import dev.recoverydesk.mail.Outbox;
import dev.recoverydesk.mail.TextCourier;
import dev.recoverydesk.mail.TextTemplates;
import dev.recoverydesk.twofactor.SmsGateway;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Texts are written from {@code sms-templates/} and go through the outbox: recorded in the sender's
 * transaction (a step rolled back texts nobody, a step run again texts once) and handed to the
 * provider after it commits, retried while the provider refuses. Which provider: outside production
 * a development outbox, the demo user's "phone"; in production one that refuses until a real
 * provider's adapter is configured.
 */
@Configuration(proxyBeanMethods = false)
class SmsGateways {

  static final String CHANNEL = "sms";

  @Bean
  SmsGateway smsGateway(Outbox outbox, TextTemplates templates) {
    return new SmsGateway() {
      @Override
      public void send(PhoneNumber to, String text) {
        if (text.length() > 500) {
          throw new IllegalArgumentException("An SMS is at most 500 characters");
        }
        outbox.record(new OutboundText(CHANNEL, to.e164(), text));
      }

      @Override
      public void send(PhoneNumber to, String template, Language language, Map<String, ?> model) {
        send(to, templates.render(template, language, model));
      }
    };
  }

  @Bean
  @Profile("!production")
  TextCourier devSmsCourier(JdbcTemplate jdbc, Clock clock) {
    return new DevSmsCourier(jdbc, clock);
  }

  @Bean
  @Profile("production")
  TextCourier unconfiguredSmsCourier() {
    return new TextCourier() {
      @Override
      public String channel() {
        return CHANNEL;
      }

      @Override
      public void deliver(String to, String text) {
        throw new IllegalStateException("No SMS provider is configured for production");
      }
    };
  }

  /** Keeps every text in a table that the demo and the tests read as the user's phone. */
  static class DevSmsCourier implements TextCourier {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    DevSmsCourier(JdbcTemplate jdbc, Clock clock) {
      this.jdbc = jdbc;
      this.clock = clock;
    }

    @Override
    public String channel() {
      return CHANNEL;
    }

    @Override
    public void deliver(String to, String text) {
      jdbc.update(
          "insert into sms_outbox (phone, body, sent_at) values (?, ?, ?)",
          to,
          text,
          Timestamp.from(clock.instant()));
    }
  }
}
