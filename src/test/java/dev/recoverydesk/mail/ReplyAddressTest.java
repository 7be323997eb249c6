package dev.recoverydesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.system.DeskProperties;
import dev.recoverydesk.system.TokenSigner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReplyAddressTest {

  private static final CaseId CASE = new CaseId("RC-7K3M9Q");

  private final ReplyAddress addresses = withSecret("a-secret-of-at-least-thirty-two-bytes!");

  @Test
  void a_reply_address_names_its_case() {
    var address = addresses.forCase(CASE);

    assertThat(address.value()).matches("support\\+rc-7k3m9q\\.[a-z2-7]{16}@recovery\\.local");
    assertThat(addresses.read(address)).isEqualTo(new ReplyAddress.Signed(CASE));
  }

  @Test
  void a_mail_client_that_changes_the_case_of_the_address_does_not_break_it() {
    var shouted = new EmailAddress(addresses.forCase(CASE).value().toUpperCase(Locale.ROOT));

    assertThat(addresses.read(shouted)).isEqualTo(new ReplyAddress.Signed(CASE));
  }

  @Test
  void a_made_up_or_altered_token_is_forged() {
    var genuine = addresses.forCase(CASE).value();
    var otherCase = genuine.replace("rc-7k3m9q", "rc-7k3m9r");
    var truncated = genuine.replaceFirst("[a-z2-7]@", "@");

    assertThat(addresses.read(new EmailAddress(otherCase))).isInstanceOf(ReplyAddress.Forged.class);
    assertThat(addresses.read(new EmailAddress(truncated))).isInstanceOf(ReplyAddress.Forged.class);
    assertThat(addresses.read(new EmailAddress("support+hello@recovery.local")))
        .isInstanceOf(ReplyAddress.Forged.class);
  }

  @Test
  void a_token_signed_with_another_key_is_forged() {
    var foreign = withSecret("another-secret-of-at-least-32-bytes!!").forCase(CASE);

    assertThat(addresses.read(foreign)).isInstanceOf(ReplyAddress.Forged.class);
  }

  @Test
  void other_addresses_carry_no_token() {
    assertThat(addresses.read(new EmailAddress("support@recovery.local")))
        .isInstanceOf(ReplyAddress.NoToken.class);
    assertThat(addresses.read(new EmailAddress("support+rc-7k3m9q.x@elsewhere.example")))
        .isInstanceOf(ReplyAddress.NoToken.class);
  }

  private static ReplyAddress withSecret(String secret) {
    var desk =
        new DeskProperties(
            Path.of("unused"),
            URI.create("http://127.0.0.1:8080"),
            new DeskProperties.Security(secret, null));
    var mail =
        new MailSettings(
            new EmailAddress("support@recovery.local"),
            "Recovery Desk",
            Duration.ofSeconds(30),
            org.springframework.util.unit.DataSize.ofMegabytes(10),
            null,
            null,
            4,
            java.util.List.of());
    return new ReplyAddress(new TokenSigner(desk), mail);
  }
}
