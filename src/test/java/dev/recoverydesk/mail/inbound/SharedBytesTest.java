package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.internet.SharedInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stream every parsed mail reads its parts from: slices of one array, as Jakarta expects. */
class SharedBytesTest {

  private static final byte[] BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void slices_read_their_own_bytes_and_count_from_their_own_start() throws Exception {
    var whole = new SharedBytes(BYTES);
    assertThat(whole.read()).isEqualTo('0');
    assertThat(whole.getPosition()).isEqualTo(1);

    var slice = whole.newStream(2, 8);
    assertThat(slice.readNBytes(2)).isEqualTo("23".getBytes(StandardCharsets.US_ASCII));
    var inner = ((SharedInputStream) slice).newStream(1, -1);
    assertThat(new String(inner.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("34567");
    assertThat(((SharedInputStream) inner).getPosition()).isEqualTo(5);
    assertThat(inner.read()).isEqualTo(-1);
    assertThat(inner.read(new byte[4], 0, 4)).isEqualTo(-1);
    assertThat(inner.read(new byte[4], 0, 0)).isZero();
  }

  @Test
  void mark_reset_skip_and_ends_past_the_array() throws Exception {
    var stream = new SharedBytes(BYTES).newStream(7, 100);
    stream.mark(10);
    assertThat(stream.skip(100)).isEqualTo(3);
    assertThat(stream.available()).isZero();
    stream.reset();
    assertThat(stream.read()).isEqualTo('7');
  }

  @Test
  void a_mail_parsed_from_it_reads_as_from_the_library_stream() throws Exception {
    var raw =
        ("From: a@example.com\r\nSubject: parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=x\r\n\r\npreamble\r\n"
                + "--x\r\nContent-Type: text/plain\r\n\r\none\r\n"
                + "--x\r\nContent-Type: multipart/alternative; boundary=y\r\n\r\n"
                + "--y\r\nContent-Type: text/plain\r\n\r\ntwo\r\n--y--\r\n"
                + "--x--\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    var mail = Inbox.parse(raw);

    var parts = (Multipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("one");
    var inner = (Multipart) parts.getBodyPart(1).getContent();
    assertThat(inner.getBodyPart(0).getContent()).isEqualTo("two");
    assertThat(mail.getSubject()).isEqualTo("parts");
  }
}
