package dev.recoverydesk.recovery.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.EmailAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Whom each intake limit counts: a mailbox, not its tags; a client, not its headers. */
class IntakeKeysTest {

  @ParameterizedTest(name = "{0} counts as {1}")
  @CsvSource({
    "victim@example.com, victim@example.com",
    "Victim+recovery@Example.COM, victim@example.com",
    "victim+a+b@example.com, victim@example.com",
    "+only@example.com, +only@example.com"
  })
  void a_contact_counts_by_its_mailbox(String address, String mailbox) {
    assertThat(IntakeLimits.mailbox(new EmailAddress(address))).isEqualTo(mailbox);
  }

  @ParameterizedTest(name = "{0} counts as {1}")
  @CsvSource({
    "203.0.113.7, 203.0.113.7",
    "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:0:0:0:0/64",
    "2001:db8:1:2:ffff::1, 2001:db8:1:2:0:0:0:0/64",
    "::ffff:203.0.113.7, 203.0.113.7",
    "not-an-address.example, not-an-address.example",
    ".:looks-odd, .:looks-odd",
    "abc:def, abc:def"
  })
  void a_client_counts_by_its_address_and_an_ipv6_one_by_its_64(String remote, String client) {
    var request = new MockHttpServletRequest();
    request.setRemoteAddr(remote);
    assertThat(IntakeLimits.clientOf(request)).isEqualTo(client);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "X-Forwarded-For, 198.51.100.1",
    "Forwarded, for=198.51.100.1",
    "X-Real-IP, 198.51.100.1"
  })
  void a_header_the_client_wrote_is_not_its_address(String header, String value) {
    var request = new MockHttpServletRequest();
    request.setRemoteAddr("203.0.113.7");
    request.addHeader(header, value);
    assertThat(IntakeLimits.clientOf(request)).isEqualTo("203.0.113.7");
  }
}
