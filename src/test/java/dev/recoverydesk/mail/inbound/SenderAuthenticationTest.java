package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.inbound.SenderAuthentication.Verdict;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Which Authentication-Results fields vouch for a sender, and which a sender could have written.
 */
class SenderAuthenticationTest {

  private static final EmailAddress ALICE = new EmailAddress("alice@example.com");
  private final SenderAuthentication trustingOurServer =
      new SenderAuthentication(List.of(" MX.Recovery.example ", ""));

  @Test
  void no_field_vouches_for_nobody() throws Exception {
    assertThat(verdict(mail())).isEqualTo(Verdict.NO_TRUSTED_RESULT);
  }

  @Test
  void nothing_is_believed_while_no_server_is_trusted() throws Exception {
    var nobodyTrusted = new SenderAuthentication(List.of());

    assertThat(
            nobodyTrusted.of(
                mail("mx.recovery.example; dmarc=pass header.from=example.com"), ALICE))
        .isEqualTo(Verdict.NO_TRUSTED_RESULT);
  }

  @Test
  void a_field_from_a_server_not_trusted_is_ignored_whatever_it_says() throws Exception {
    assertThat(verdict(mail("mx.attacker.example; dmarc=pass header.from=example.com")))
        .isEqualTo(Verdict.NO_TRUSTED_RESULT);
  }

  @Test
  void dmarc_pass_from_the_trusted_server_vouches() throws Exception {
    var mail = mail("mx.recovery.example; spf=pass; dmarc=pass (p=reject) header.from=Example.com");

    assertThat(verdict(mail)).isEqualTo(Verdict.DMARC_PASS);
    assertThat(verdict(mail).vouches()).isTrue();
  }

  @Test
  void dmarc_pass_for_another_from_domain_says_nothing_of_this_one() throws Exception {
    // Two From headers: DMARC judged the other one.
    assertThat(verdict(mail("mx.recovery.example; dmarc=pass header.from=attacker.example")))
        .isEqualTo(Verdict.NOT_PASSED);
    assertThat(verdict(mail("mx.recovery.example; dmarc=pass"))).isEqualTo(Verdict.NOT_PASSED);
  }

  @Test
  void dmarc_or_dkim_fail_does_not_vouch() throws Exception {
    assertThat(verdict(mail("mx.recovery.example; dmarc=fail (p=none) header.from=example.com")))
        .isEqualTo(Verdict.NOT_PASSED);
    assertThat(verdict(mail("mx.recovery.example; dkim=fail header.d=example.com")))
        .isEqualTo(Verdict.NOT_PASSED);
    assertThat(verdict(mail("mx.recovery.example; spf=pass smtp.mailfrom=example.com")))
        .isEqualTo(Verdict.NOT_PASSED);
  }

  @Test
  void aligned_dkim_vouches_unless_dmarc_failed() throws Exception {
    assertThat(verdict(mail("mx.recovery.example; dkim=pass header.d=example.com")))
        .isEqualTo(Verdict.ALIGNED_DKIM_PASS);
    // Gmail names the signer by header.i only.
    assertThat(verdict(mail("mx.recovery.example; dkim=pass header.i=@mail.example.com")))
        .isEqualTo(Verdict.ALIGNED_DKIM_PASS);
    assertThat(
            verdict(
                mail(
                    "mx.recovery.example; dkim=pass header.d=mail.example.com;"
                        + " dmarc=none header.from=example.com")))
        .isEqualTo(Verdict.ALIGNED_DKIM_PASS);
    // The domain asks for strict alignment, and the server found DMARC failed.
    assertThat(
            verdict(
                mail(
                    "mx.recovery.example; dkim=pass header.d=mail.example.com;"
                        + " dmarc=fail header.from=example.com")))
        .isEqualTo(Verdict.NOT_PASSED);
  }

  @Test
  void dkim_pass_for_a_domain_unrelated_to_from_does_not_vouch() throws Exception {
    assertThat(verdict(mail("mx.recovery.example; dkim=pass header.d=attacker.example")))
        .isEqualTo(Verdict.DKIM_NOT_ALIGNED);
    assertThat(
            verdict(mail("mx.recovery.example; dkim=pass header.d=example.com.attacker.example")))
        .isEqualTo(Verdict.DKIM_NOT_ALIGNED);
    assertThat(verdict(mail("mx.recovery.example; dkim=pass header.d=com")))
        .isEqualTo(Verdict.DKIM_NOT_ALIGNED);
  }

  @Test
  void alignment_is_by_organisational_domain_under_the_public_suffix() {
    assertThat(SenderAuthentication.aligned("mail.example.co.uk", "example.co.uk")).isTrue();
    assertThat(SenderAuthentication.aligned("example.co.uk", "eu.shop.example.co.uk")).isTrue();
    assertThat(SenderAuthentication.aligned("other.co.uk", "example.co.uk")).isFalse();
    assertThat(SenderAuthentication.aligned("co.uk", "example.co.uk")).isFalse();
    // github.io is a suffix of its own: its users' sites are different organisations.
    assertThat(SenderAuthentication.aligned("mallory.github.io", "alice.github.io")).isFalse();
    // Under no known suffix: only the same name.
    assertThat(SenderAuthentication.aligned("recovery.local", "recovery.local")).isTrue();
    assertThat(SenderAuthentication.aligned("mx.recovery.local", "recovery.local")).isFalse();
  }

  @Test
  void only_the_topmost_trusted_field_counts() throws Exception {
    // Our server added the top field; the one below, with our id, came with the mail.
    var forgedBelow =
        mail(
            "mx.recovery.example; dmarc=fail header.from=example.com",
            "mx.recovery.example; dmarc=pass header.from=example.com");
    var untrustedAbove =
        mail(
            "mx.attacker.example; dmarc=fail header.from=example.com",
            "mx.recovery.example; dmarc=pass header.from=example.com");

    assertThat(verdict(forgedBelow)).isEqualTo(Verdict.NOT_PASSED);
    assertThat(verdict(untrustedAbove)).isEqualTo(Verdict.DMARC_PASS);
  }

  @Test
  void a_malformed_trusted_field_is_not_passed_over_for_one_below_it() throws Exception {
    var mail =
        mail(
            "mx.recovery.example; dmarc=pass header.from=example.com (unterminated",
            "mx.recovery.example; dmarc=pass header.from=example.com");

    assertThat(verdict(mail)).isEqualTo(Verdict.UNREADABLE);
  }

  @Test
  void a_folded_field_is_read_whole() throws Exception {
    var mail =
        mail(
            "mx.recovery.example;\r\n\tdkim=pass\r\n header.i=@example.com;\r\n dmarc=pass\r\n header.from=example.com");

    assertThat(verdict(mail)).isEqualTo(Verdict.DMARC_PASS);
  }

  private Verdict verdict(MimeMessage mail) throws Exception {
    return trustingOurServer.of(mail, ALICE);
  }

  private static MimeMessage mail(String... authenticationResults) throws Exception {
    var raw = new StringBuilder();
    for (var field : authenticationResults) {
      raw.append("Authentication-Results: ").append(field).append("\r\n");
    }
    raw.append("From: Alice <alice@example.com>\r\n")
        .append("To: support@recovery.local\r\n")
        .append("Subject: about my case [RC-7K3M9Q]\r\n")
        .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
        .append("It is me.\r\n");
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(raw.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
