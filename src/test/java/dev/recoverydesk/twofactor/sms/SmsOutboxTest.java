package dev.recoverydesk.twofactor.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.ApiClient;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.twofactor.SmsGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outside production, texts land in an outbox that the demo reads as the user's phone; they get
 * there through the desk's outbox, after the sending transaction commits.
 */
class SmsOutboxTest extends IntegrationTest {

  @Autowired SmsGateway sms;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @LocalServerPort int port;

  @Test
  void a_text_lands_on_the_demo_phone() {
    sms.send(new PhoneNumber("+81 90 5555 0101"), "Recovery Desk: your code is 123456");

    var api = new ApiClient(port);
    var phone = api.get("/api/sms-outbox/+819055550101", "admin:admin");
    assertThat(phone.statusCode()).isEqualTo(200);
    assertThat(phone.body()).contains("your code is 123456");
    assertThat(api.get("/api/sms-outbox/+819055550101", "agent:agent").statusCode()).isEqualTo(403);
    assertThat(api.get("/api/sms-outbox/not-a-number", "admin:admin").statusCode()).isEqualTo(400);
  }

  @Test
  void a_text_goes_out_after_its_transaction_commits_and_only_then_and_its_code_is_not_kept() {
    var phone = new PhoneNumber("+8190" + (10_000_000 + (System.nanoTime() % 89_999_999)));
    var transaction = new TransactionTemplate(transactions);
    transaction.executeWithoutResult(
        status -> {
          sms.send(phone, "Recovery Desk check code: 111111");
          assertThat(texts(phone)).as("nothing before the commit").isZero();
          status.setRollbackOnly();
        });
    assertThat(texts(phone)).as("nothing after a rollback").isZero();

    transaction.executeWithoutResult(
        status -> {
          sms.send(phone, "Recovery Desk check code: 222222");
          assertThat(texts(phone)).as("nothing before the commit").isZero();
        });
    assertThat(texts(phone)).isEqualTo(1);
    // Kept once sent: the number masked, never in full, and no text.
    assertThat(outboxRows("recipient = ?", phone.masked())).isPositive();
    assertThat(outboxRows("recipient = ?", phone.e164())).isZero();
    assertThat(outboxRows("body_text like ?", "%222222%")).isZero();
  }

  private int outboxRows(String where, String value) {
    return jdbc.queryForObject(
        "select count(*) from outbox where channel = 'sms' and " + where, Integer.class, value);
  }

  private int texts(PhoneNumber phone) {
    return jdbc.queryForObject(
        "select count(*) from sms_outbox where phone = ?", Integer.class, phone.e164());
  }
}
