package dev.recoverydesk.account.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.account.AccountDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo profile starts with an account for each recovery path, as the README lists them. */
class DemoAccountsTest extends IntegrationTest {

  @Autowired AccountDirectory accounts;

  @Test
  void the_demo_accounts_are_there() {
    for (String username : new String[] {"alice", "bob", "kenji", "carol", "yuki", "dave"}) {
      assertThat(accounts.find(username)).as(username).isPresent();
    }
    var alice = accounts.find("alice").orElseThrow();
    assertThat(alice.locale()).isEqualTo("ja");
    assertThat(alice.phone().masked()).isEqualTo("+81 •••••• 5678");
    assertThat(alice.twoFactor().sms()).isTrue();
    assertThat(accounts.find("dave").orElseThrow().phoneNumber()).isEmpty();
  }
}
