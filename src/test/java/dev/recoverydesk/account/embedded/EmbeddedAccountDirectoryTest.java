package dev.recoverydesk.account.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EmbeddedAccountDirectoryTest extends IntegrationTest {

  @Autowired AccountDirectory accounts;

  @Test
  void a_contact_lookup_answers_what_the_full_account_says() {
    var username = "Contact_" + TestAccounts.suffix();
    accounts.save(
        new Account(
            username.toLowerCase(),
            "Mika Sato",
            new EmailAddress(username.toLowerCase() + "@example.jp"),
            List.of(new EmailAddress("old@example.jp")),
            new PhoneNumber("+819012345678"),
            "docomo",
            "ja",
            LocalDate.of(2019, 4, 1),
            new Account.TwoFactor(false, true, false),
            List.of(new Account.Device("Pixel 8", "X for Android", Instant.EPOCH, "JP", null)),
            List.of(new Account.Post(LocalDate.of(2024, 5, 1), "coastal walk")),
            List.of("friend_one")));

    var contact = accounts.contact(username.toUpperCase()).orElseThrow();

    assertThat(contact).isEqualTo(accounts.find(username).orElseThrow().contact());
    assertThat(contact.email().value()).isEqualTo(username.toLowerCase() + "@example.jp");
    assertThat(contact.locale()).isEqualTo("ja");
    assertThat(contact.displayName()).isEqualTo("Mika Sato");
    assertThat(contact.phoneNumber()).hasValue(new PhoneNumber("+819012345678"));
  }

  @Test
  void an_unknown_or_malformed_username_has_no_contact() {
    assertThat(accounts.contact("nobody_" + TestAccounts.suffix())).isEmpty();
    assertThat(accounts.contact("not a username!")).isEmpty();
  }
}
