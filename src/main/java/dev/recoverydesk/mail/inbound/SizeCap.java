package dev.recoverydesk.mail.inbound;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.util.unit.DataSize;

/**
 * The one rule for a mail's size ({@code recovery.mail.max-size}): a mail larger on the server than
 * the cap is not downloaded; only its headers are stored, with a line saying what is missing, it
 * goes to triage ({@code too-large}) and its sender is told the cap. The mailbox applies the rule
 * when it fetches; afterwards the stored mail carries its mark (fewer bytes stored than the server
 * had, {@link InboundMailRepository#headersOnly}), so nothing later measures a mail again, and a
 * mail handed to the inbox whole ({@link Inbox#store(byte[])}) is read whole.
 */
final class SizeCap {

  private final DataSize max;

  SizeCap(DataSize max) {
    this.max = max;
  }

  /** Whether a mail of this many bytes on the server is kept as its headers only. */
  boolean over(long size) {
    return size > max.toBytes();
  }

  /** The cap as the notice to the sender says it. */
  long megabytes() {
    return max.toMegabytes();
  }

  /**
   * What is stored of a mail over the cap: its headers, and a line saying what is missing. {@code
   * header} may run on into the body: only the lines before the first empty one are read.
   */
  static byte[] headersOnly(byte[] header, long size) throws MessagingException {
    var raw = new StringBuilder();
    var lines = new InternetHeaders(new ByteArrayInputStream(header)).getAllHeaderLines();
    while (lines.hasMoreElements()) {
      var line = lines.nextElement();
      if (!line.regionMatches(true, 0, "Content-", 0, 8)) {
        raw.append(line).append("\r\n");
      }
    }
    raw.append("Content-Type: text/plain; charset=US-ASCII\r\n\r\n");
    raw.append("[Not stored: the mail had ").append(size).append(" bytes, over the size cap.]\r\n");
    return raw.toString().getBytes(StandardCharsets.UTF_8);
  }
}
