package dev.recoverydesk.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

  @ParameterizedTest
  @CsvSource({
    "alice@example.com, a•••e@example.com",
    "alice.old@example.com, a•••d@example.com",
    "ab@example.com, a•••@example.com",
    "a@example.com, a•••@example.com",
    "Bob.Smith+news@Mail.Example.org, b•••s@mail.example.org"
  })
  void email_addresses_keep_their_first_and_last_letter(String address, String masked) {
    assertThat(new EmailAddress(address).masked()).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
    "+819012345678, +81 •••••• 5678",
    "+81 90-1234-5678, +81 •••••• 5678",
    "＋８１９０１２３４５６７８, +81 •••••• 5678",
    "+1 415 555 0132, +1 •••••• 0132",
    "+447911123456, +44 •••••• 3456"
  })
  void phone_numbers_keep_the_country_code_and_last_four_digits(String number, String masked) {
    assertThat(new PhoneNumber(number).masked()).isEqualTo(masked);
    assertThat(new PhoneNumber(number).toString()).isEqualTo(masked);
  }

  @Test
  void phone_numbers_need_their_country_code_and_must_exist() {
    assertThatThrownBy(() -> new PhoneNumber("090-1234-5678"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PhoneNumber("+81 1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PhoneNumber.parse("+81 90 1234 5678")).contains(new PhoneNumber("+819012345678"));
  }
}
