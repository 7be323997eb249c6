package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The one rule for a mail's size, and what is kept of a mail over it. */
class SizeCapTest {

  private final SizeCap cap = new SizeCap(DataSize.ofMegabytes(1));

  @Test
  void a_mail_over_the_cap_keeps_its_headers_only() {
    assertThat(cap.over(1024 * 1024)).isFalse();
    assertThat(cap.over(1024 * 1024 + 1)).isTrue();
    assertThat(cap.megabytes()).isEqualTo(1);
  }

  @Test
  void what_is_kept_says_what_is_missing_and_drops_the_content_headers() throws Exception {
    var header =
        ("From: big@example.com\r\nSubject: My photos\r\nContent-Type: multipart/mixed;"
                + " boundary=x\r\nContent-Transfer-Encoding: 7bit\r\n\r\n--x\r\nbody")
            .getBytes(StandardCharsets.US_ASCII);

    var kept = new String(SizeCap.headersOnly(header, 5_000_000), StandardCharsets.UTF_8);

    assertThat(kept)
        .startsWith("From: big@example.com\r\nSubject: My photos\r\n")
        .contains("Content-Type: text/plain; charset=US-ASCII\r\n\r\n")
        .endsWith("[Not stored: the mail had 5000000 bytes, over the size cap.]\r\n")
        .doesNotContain("multipart", "body");
  }
}
