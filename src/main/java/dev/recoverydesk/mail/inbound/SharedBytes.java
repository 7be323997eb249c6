package dev.recoverydesk.mail.inbound;

import jakarta.mail.internet.SharedInputStream;
import java.io.InputStream;

/**
 * A stored mail's bytes as Jakarta Mail's {@link SharedInputStream}: every part of the parsed mail
 * reads its own slice of one array, nothing is copied. Unlike the library's own, which is a {@link
 * java.io.ByteArrayInputStream}, its reads take no lock. A multipart is parsed by reading its body
 * a boundary's length at a time, so a mail with short boundaries made each level of nesting cost a
 * lock per few bytes: parsing went three to four times slower.
 */
final class SharedBytes extends InputStream implements SharedInputStream {

  private final byte[] bytes;
  private final int start;
  private final int end;
  private int position;
  private int mark;

  SharedBytes(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  private SharedBytes(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.position = start;
    this.mark = start;
  }

  @Override
  public int read() {
    return position < end ? bytes[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    if (position >= end) {
      return -1;
    }
    int count = Math.min(length, end - position);
    System.arraycopy(bytes, position, into, offset, count);
    position += count;
    return count;
  }

  @Override
  public long skip(long count) {
    long skipped = Math.max(0, Math.min(count, end - position));
    position += (int) skipped;
    return skipped;
  }

  @Override
  public int available() {
    return end - position;
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public void mark(int readLimit) {
    mark = position;
  }

  @Override
  public void reset() {
    position = mark;
  }

  @Override
  public long getPosition() {
    return position - start;
  }

  @Override
  public InputStream newStream(long from, long to) {
    if (from < 0) {
      throw new IllegalArgumentException("start < 0");
    }
    int first = (int) Math.min(start + from, end);
    int last = to < 0 ? end : (int) Math.min(start + to, end);
    return new SharedBytes(bytes, first, Math.max(first, last));
  }
}
