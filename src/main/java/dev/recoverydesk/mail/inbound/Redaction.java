package dev.recoverydesk.mail.inbound;

import java.util.regex.Pattern;

/**
 * Our own one-time links come back quoted in replies; what we keep of a reply must not hold them,
 * or a copy of the database would hold a way to the new codes.
 */
final class Redaction {

  private static final Pattern ONE_TIME_LINK =
      Pattern.compile("(/recovery/(?:codes|cancel)/)[A-Za-z0-9_\\-=]+");

  private Redaction() {}

  static String oneTimeLinks(String text) {
    return text == null ? null : ONE_TIME_LINK.matcher(text).replaceAll("$1[redacted]");
  }
}
