package dev.recoverydesk.mail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A mail's bytes to the text its sender wrote: Japanese charsets, format=flowed, HTML leftovers.
 */
class MailTextTest {

  /** ～ － ‖ ¢ £ ¬ in Shift_JIS (and code page 932), then ① and 髙, which only code page 932 has. */
  private static final byte[] SHIFT_JIS = {
    (byte) 0x81,
    0x60,
    (byte) 0x81,
    0x7C,
    (byte) 0x81,
    0x61,
    (byte) 0x81,
    (byte) 0x91,
    (byte) 0x81,
    (byte) 0x92,
    (byte) 0x81,
    (byte) 0xCA,
    (byte) 0x87,
    0x40,
    (byte) 0xFB,
    (byte) 0xFC
  };

  @Test
  void shift_jis_is_read_with_the_characters_of_code_page_932() throws Exception {
    var text = MailText.of(mail("text/plain; charset=Shift_JIS", "8bit", null, SHIFT_JIS));

    assertThat(text).isEqualTo("\uFF5E\uFF0D\u2225\uFFE0\uFFE1\uFFE2①髙");
  }

  @Test
  void apple_mail_means_the_jis_forms_of_the_six_characters() throws Exception {
    var jis =
        ("\u001B$B"
                + "\u2141\u215D\u2142\u2171\u2172\u224C"
                    .chars()
                    .mapToObj(c -> "" + (char) (c >> 8) + (char) (c & 0xFF))
                    .reduce("", String::concat)
                + "\u001B(B")
            .getBytes(StandardCharsets.ISO_8859_1);

    var fromApple =
        MailText.of(
            mail("text/plain; charset=iso-2022-jp", "7bit", "Apple Mail (2.3826.700.81)", jis));
    var fromOutlook =
        MailText.of(mail("text/plain; charset=iso-2022-jp", "7bit", "Microsoft Outlook 16.0", jis));

    assertThat(fromApple).isEqualTo("\u301C\u2212\u2016\u00A2\u00A3\u00AC");
    assertThat(fromOutlook).isEqualTo("\uFF5E\uFF0D\u2225\uFFE0\uFFE1\uFFE2");
  }

  @Test
  void euc_jp_keeps_the_jis_forms_unless_a_windows_client_wrote_it() throws Exception {
    var euc = "〜−".getBytes(Charset.forName("EUC-JP"));

    assertThat(MailText.of(mail("text/plain; charset=EUC-JP", "8bit", null, euc))).isEqualTo("〜−");
    assertThat(MailText.of(mail("text/plain; charset=EUC-JP", "8bit", "Becky! ver. 2.81.05", euc)))
        .isEqualTo("～－");
  }

  @Test
  void format_flowed_lines_are_joined_again() throws Exception {
    var flowed =
        "4. A photo post about the autumn leaves \r\nin Kyoto\r\n> quoted and \r\n> flowed\r\n-- \r\nAlice\r\n";
    var delSp = "4. 京都で紅葉を見 \r\nてきました\r\n";

    assertThat(
            MailText.of(
                mail(
                    "text/plain; charset=UTF-8; format=flowed",
                    "8bit",
                    null,
                    flowed.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(
            "4. A photo post about the autumn leaves in Kyoto\n> quoted and flowed\n--\nAlice");
    assertThat(
            MailText.of(
                mail(
                    "text/plain; charset=UTF-8; format=flowed; delsp=yes",
                    "8bit",
                    null,
                    delSp.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("4. 京都で紅葉を見てきました");
  }

  @Test
  void what_outlook_adds_to_links_and_images_is_no_text() throws Exception {
    var body =
        "1. alice@example.com<mailto:alice@example.com>\r\n[cid:image001.png@01DB5B2E.4F3E2B10]\r\n"
            + "see https://x.example/a<https://x.example/a> and the page<https://x.example/b>\r\n";

    assertThat(
            MailText.of(
                mail(
                    "text/plain; charset=UTF-8",
                    "8bit",
                    null,
                    body.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(
            "1. alice@example.com\n\nsee https://x.example/a and the page<https://x.example/b>");
  }

  @Test
  void html_quotes_become_quoted_lines_and_the_breaks_between_blocks_no_blank_lines()
      throws Exception {
    var html =
        "<div>1. alice@example.com</div>\r\n<div>3. April 2019</div>\r\n"
            + "<div class=\"yahoo_quoted\"><div>On Sat, Recovery Desk wrote:</div><div>Hello,</div></div>";

    assertThat(
            MailText.of(
                mail(
                    "text/html; charset=UTF-8",
                    "8bit",
                    null,
                    html.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("1. alice@example.com\n3. April 2019\n> On Sat, Recovery Desk wrote:\n> Hello,");
  }

  private static MimeMessage mail(String type, String encoding, String mailer, byte[] body)
      throws Exception {
    var raw = new ByteArrayOutputStream();
    raw.write(
        ("From: someone@example.jp\r\nSubject: Re\r\nMIME-Version: 1.0\r\n"
                + (mailer == null ? "" : "X-Mailer: " + mailer + "\r\n")
                + "Content-Type: "
                + type
                + "\r\nContent-Transfer-Encoding: "
                + encoding
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    raw.write(body);
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
  }
}
