package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void one_time_links_lose_their_tokens_and_nothing_else_changes() {
    var quoted =
        """
        Thanks!
        > Your new codes: http://127.0.0.1:8080/recovery/codes/k3J9-x_Qa8==
        > Not you? https://desk.example.com/recovery/cancel/AbC123
        > Docs: https://desk.example.com/recovery/help
        """;

    assertThat(Redaction.oneTimeLinks(quoted))
        .contains("/recovery/codes/[redacted]", "/recovery/cancel/[redacted]")
        .contains("https://desk.example.com/recovery/help", "Thanks!")
        .doesNotContain("k3J9", "AbC123");
  }

  @Test
  void a_stored_mail_keeps_no_link_even_when_quoted_printable_or_in_html() throws Exception {
    var raw =
        ("From: alice@example.com\r\nTo: support@recovery.local\r\nSubject: Re: codes\r\n"
                + "Message-ID: <keep-me@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Thanks!\r\n> http://127.0.0.1:8080/recovery/codes/k3J9x=\r\nQa8secret\r\n"
                + "--b\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
                + "<p>Thanks!</p><a href=\"https://desk.example.com/recovery/cancel/AbC123\">x</a>\r\n"
                + "--b--\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    var kept = new String(Redaction.raw(raw), java.nio.charset.StandardCharsets.US_ASCII);

    assertThat(kept)
        .contains("Message-ID: <keep-me@example.com>", "Thanks!", "[redacted]")
        .doesNotContain("k3J9x", "Qa8secret", "AbC123");
  }

  @Test
  void a_mail_without_links_is_kept_byte_for_byte() {
    var raw = "From: a@example.com\r\nSubject: hi\r\n\r\nHello\r\n".getBytes();

    assertThat(Redaction.raw(raw)).isSameAs(raw);
  }
}
