package dev.recoverydesk.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Usernames as the network allows them: letters, digits and underscores, compared in lower case.
 */
public final class Usernames {

  private static final Pattern VALID = Pattern.compile("[a-z0-9_]{1,30}");

  private Usernames() {}

  /** The canonical form of a username, or empty when it cannot be one (e.g. {@code @Alice}). */
  public static Optional<String> canonical(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var candidate = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).strip();
    if (candidate.startsWith("@")) {
      candidate = candidate.substring(1);
    }
    candidate = candidate.toLowerCase(Locale.ROOT);
    return VALID.matcher(candidate).matches() ? Optional.of(candidate) : Optional.empty();
  }
}
