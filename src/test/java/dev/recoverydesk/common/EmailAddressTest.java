package dev.recoverydesk.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

  @Test
  void addresses_are_compared_in_lower_case_without_display_names() {
    assertThat(new EmailAddress("Alice <Alice@Example.COM>"))
        .isEqualTo(new EmailAddress("alice@example.com"));
    assertThat(new EmailAddress("support+rc-1.x@recovery.local").localPart())
        .isEqualTo("support+rc-1.x");
    assertThat(new EmailAddress("support@recovery.local").domain()).isEqualTo("recovery.local");
  }

  @Test
  void anything_that_is_not_one_address_is_refused() {
    assertThat(EmailAddress.parse("")).isEmpty();
    assertThat(EmailAddress.parse(null)).isEmpty();
    assertThat(EmailAddress.parse("not an address")).isEmpty();
    assertThat(EmailAddress.parse("a@b.com, c@d.com")).isEmpty();
    assertThat(EmailAddress.parse("@example.com")).isEmpty();
  }

  @Test
  void a_contact_address_needs_a_domain_name_with_a_dot() {
    assertThat(EmailAddress.parseReachable("alice@example")).isEmpty();
    assertThat(EmailAddress.parseReachable("alice@example.")).isEmpty();
    assertThat(EmailAddress.parseReachable("alice@.example.com")).isEmpty();
    assertThat(EmailAddress.parseReachable("alice@example..com")).isEmpty();
    assertThat(EmailAddress.parseReachable("Alice@Example.COM"))
        .contains(new EmailAddress("alice@example.com"));
    assertThat(EmailAddress.parseReachable("yuki@mail.example.co.jp")).isPresent();
  }
}
