package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What gives a machine's mail away, each sign with its kind and the code stored with the mail. */
class MachineMailTest {

  private static final EmailAddress SUPPORT = new EmailAddress("support@recovery.local");

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "erin@example.com | X-Loop: support@recovery.local | OWN_MAIL | own-mail",
        "erin@example.com | Auto-Submitted: auto-replied | AUTO_SUBMITTED | auto-submitted",
        "erin@example.com | X-Autoreply: yes | AUTO_REPLY | auto-reply",
        "erin@example.com | Precedence: bulk | PRECEDENCE_BULK | precedence-bulk",
        "erin@example.com | Precedence: Junk | PRECEDENCE_JUNK | precedence-junk",
        "erin@example.com | Precedence: list | PRECEDENCE_LIST | precedence-list",
        "erin@example.com | Precedence: auto_reply | PRECEDENCE_AUTO_REPLY | precedence-auto_reply",
        "erin@example.com | List-Id: <users.lists.example> | MAILING_LIST | mailing-list",
        "no-reply@example.com | X-Nothing: here | MACHINE_SENDER | machine-sender",
        "support@recovery.local | X-Nothing: here | OWN_MAIL | own-mail",
        "erin@example.com | Subject: Out of Office: back Monday | OUT_OF_OFFICE | out-of-office",
        "erin@example.com | Subject: =?UTF-8?B?6Ieq5YuV5b+c562U?= | OUT_OF_OFFICE | out-of-office"
      })
  void each_sign_has_its_kind(String from, String header, String kind, String code)
      throws Exception {
    var found = MachineMail.reason(mail(from, header), SUPPORT, new EmailAddress(from));

    assertThat(found).contains(MachineMail.Kind.valueOf(kind));
    assertThat(found.get().code()).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Auto-Submitted: no",
        "Precedence: first-class",
        "Subject: Re: my automatic backup codes"
      })
  void a_person_may_have_written_these(String header) throws Exception {
    var from = "erin@example.com";

    assertThat(MachineMail.reason(mail(from, header), SUPPORT, new EmailAddress(from))).isEmpty();
  }

  @Test
  void every_kind_has_a_code_of_its_own() {
    assertThat(Arrays.stream(MachineMail.Kind.values()).map(MachineMail.Kind::code).distinct())
        .hasSize(MachineMail.Kind.values().length);
  }

  private static jakarta.mail.internet.MimeMessage mail(String from, String header)
      throws Exception {
    var subject = header.startsWith("Subject:") ? "" : "Subject: hello\r\n";
    var raw =
        ("From: "
                + from
                + "\r\nTo: support@recovery.local\r\n"
                + subject
                + header
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHi\r\n")
            .getBytes(StandardCharsets.UTF_8);
    return MailHeaders.parse(raw);
  }
}
