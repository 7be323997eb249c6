package dev.recoverydesk.twofactor.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.ApiClient;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.twofactor.SmsGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Outside production, texts land in an outbox that the demo reads as the user's phone. */
class SmsOutboxTest extends IntegrationTest {

  @Autowired SmsGateway sms;
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
}
