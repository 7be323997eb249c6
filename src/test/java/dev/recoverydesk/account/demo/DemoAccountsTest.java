package dev.recoverydesk.account.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.account.AccountDirectory;
import java.time.Duration;
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

  @Test
  void demo_devices_and_posts_move_with_the_calendar_so_each_path_stays_as_described() {
    var alice = accounts.find("alice").orElseThrow();
    var later = DemoAccounts.WRITTEN.plusDays(100);

    var moved = DemoAccounts.keptRecent(alice, later);

    assertThat(moved.devices().get(0).lastSeen())
        .isEqualTo(alice.devices().get(0).lastSeen().plus(Duration.ofDays(100)));
    assertThat(moved.recentPosts().get(0).postedAt())
        .isEqualTo(alice.recentPosts().get(0).postedAt().plusDays(100));
    assertThat(DemoAccounts.keptRecent(alice, DemoAccounts.WRITTEN)).isEqualTo(alice);
  }
}
