package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

  @Test
  void a_forwarded_mail_keeps_no_link_at_any_depth_within_the_limit() throws Exception {
    // A reply that forwards (as an attachment) a forward of the hold notice and the codes mail,
    // each in its own way: plain, base64 HTML, quoted-printable, in nested multiparts.
    var codesMail =
        "From: Recovery Desk <support@recovery.local>\r\nSubject: Your new codes\r\n"
            + "Message-ID: <codes@recovery.local>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
            + "--inner\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "=E6=96=B0=E3=81=97=E3=81=84: http://127.0.0.1:8080/recovery/codes/Codes=\r\nToken1\r\n"
            + "--inner\r\nContent-Type: text/html; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + base64("<a href=\"http://127.0.0.1:8080/recovery/codes/CodesToken2\">open</a>")
            + "\r\n--inner--\r\n";
    var holdNotice =
        "From: Recovery Desk <support@recovery.local>\r\nSubject: Reset on hold\r\n"
            + "Message-ID: <hold@recovery.local>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=fwd\r\n\r\n"
            + "--fwd\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\n\r\n"
            + "Not you? https://desk.example.com/recovery/cancel/CancelToken3\r\n"
            + "--fwd\r\nContent-Type: message/rfc822\r\n\r\n"
            + codesMail
            + "\r\n--fwd--\r\n";
    var raw =
        ("From: alice@example.com\r\nTo: support@recovery.local\r\nSubject: Fwd: is this you?\r\n"
                + "Message-ID: <forwarding@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n"
                + "--outer\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Did you send me these?\r\n"
                + "--outer\r\nContent-Type: message/rfc822; name=\"hold.eml\"\r\n"
                + "Content-Disposition: attachment; filename=\"hold.eml\"\r\n\r\n"
                + holdNotice
                + "\r\n--outer--\r\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    var kept = Redaction.raw(raw);

    var text = everything(kept);
    assertThat(text)
        .doesNotContain("CodesToken1", "CodesToken2", "CancelToken3")
        .contains("/recovery/codes/[redacted]", "/recovery/cancel/[redacted]")
        .contains("新しい", "Did you send me these?", "open");
    var message = parse(kept);
    assertThat(message.getMessageID()).isEqualTo("<forwarding@example.com>");
    var attached = (jakarta.mail.Multipart) message.getContent();
    assertThat(attached.getBodyPart(1).getFileName()).isEqualTo("hold.eml");
    var forwarded = (jakarta.mail.internet.MimeMessage) attached.getBodyPart(1).getContent();
    assertThat(forwarded.getMessageID()).isEqualTo("<hold@recovery.local>");
    assertThat(forwarded.getSubject()).isEqualTo("Reset on hold");
  }

  @Test
  void a_mail_nested_deeper_than_the_limit_keeps_no_link_that_stands_in_the_clear()
      throws Exception {
    var raw = nested(MailLimits.MAX_DEPTH + 5, "see http://x/recovery/cancel/DeepToken9 now");

    var kept = Redaction.raw(raw);

    assertThat(new String(kept, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("DeepToken9")
        .contains("see http://x/recovery/cancel/[redacted] now");
    // Nothing else is touched: the same bytes but for the token.
    assertThat(kept.length).isEqualTo(raw.length - "DeepToken9".length() + "[redacted]".length());
  }

  @Test
  void a_link_in_a_part_at_the_deepest_level_read_is_redacted_part_by_part() throws Exception {
    var raw = nested(MailLimits.MAX_DEPTH, "see http://x/recovery/codes/EdgeToken7 now");

    assertThat(everything(Redaction.raw(raw)))
        .doesNotContain("EdgeToken7")
        .contains("/recovery/codes/[redacted]");
  }

  @Test
  void a_mail_nested_a_hundred_thousand_deep_costs_no_stack() {
    var raw = nested(100_000, "see http://x/recovery/codes/VeryDeep1 now");

    assertThat(new String(Redaction.raw(raw), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("VeryDeep1");
  }

  @Test
  void a_link_in_a_utf_16_part_is_found_in_its_characters() throws Exception {
    var body =
        java.util.Base64.getMimeEncoder()
            .encodeToString(
                "Codes: http://x/recovery/codes/Utf16Token".getBytes(StandardCharsets.UTF_16BE));
    var raw =
        ("From: a@example.com\r\nSubject: wide\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-16BE\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + body
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    assertThat(everything(Redaction.raw(raw)))
        .isEqualTo("Codes: http://x/recovery/codes/[redacted]\n");
  }

  /** A text part inside {@code levels} multiparts, one in the other. */
  static byte[] nested(int levels, String text) {
    var raw = new StringBuilder("From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
    for (int level = 0; level < levels; level++) {
      raw.append("Content-Type: multipart/mixed; boundary=b").append(level).append("\r\n\r\n");
      raw.append("--b").append(level).append("\r\n");
    }
    raw.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n").append(text).append("\r\n");
    for (int level = levels - 1; level >= 0; level--) {
      raw.append("--b").append(level).append("--\r\n");
    }
    return raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String base64(String text) {
    return java.util.Base64.getMimeEncoder()
        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static jakarta.mail.internet.MimeMessage parse(byte[] raw) throws Exception {
    return new jakarta.mail.internet.MimeMessage(
        jakarta.mail.Session.getInstance(new java.util.Properties()),
        new java.io.ByteArrayInputStream(raw));
  }

  /** Every text part's decoded text, at any depth: what a reader of the stored mail could see. */
  private static String everything(byte[] raw) throws Exception {
    var text = new StringBuilder();
    collect(parse(raw), text);
    return text.toString();
  }

  private static void collect(jakarta.mail.Part part, StringBuilder text) throws Exception {
    var content = part.getContent();
    if (content instanceof String string) {
      text.append(string).append('\n');
    } else if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), text);
      }
    } else if (content instanceof jakarta.mail.Part inner) {
      collect(inner, text);
    }
  }
}
