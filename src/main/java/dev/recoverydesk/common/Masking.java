package dev.recoverydesk.common;

/**
 * The contract's masking rule for an account's own facts, wherever they are shown: a phone number
 * keeps its country code and last four digits ({@code +81 •••••• 5678}), an email address the first
 * and last letter of its local part ({@code a•••e@example.com}).
 */
public final class Masking {

  static final String DOTS = "•••";

  private Masking() {}

  static String phone(int countryCode, String lastFour) {
    return "+" + countryCode + " ••••••" + " " + lastFour;
  }

  static String email(String localPart, String domain) {
    var points = localPart.codePoints().toArray();
    var first = new String(points, 0, 1);
    // Two letters or fewer: showing both would show it all.
    var last = points.length > 2 ? new String(points, points.length - 1, 1) : "";
    return first + DOTS + last + "@" + domain;
  }
}
