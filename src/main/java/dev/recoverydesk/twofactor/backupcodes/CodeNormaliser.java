package dev.recoverydesk.twofactor.backupcodes;

import dev.recoverydesk.twofactor.BackupCodePolicy;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what a user typed into the canonical code, forgiving what people do (seed 000): spaces and
 * hyphens between groups, lower case, full-width characters from a Japanese IME, and letters that
 * read like digits (O for 0, I and L for 1), which Crockford's alphabet never uses.
 */
final class CodeNormaliser {

  private CodeNormaliser() {}

  /** The canonical code, or empty when what was typed cannot be a code of this policy. */
  static Optional<String> normalise(String typed, BackupCodePolicy policy) {
    if (typed == null || typed.length() > 200) {
      return Optional.empty();
    }
    var text = Normalizer.normalize(typed, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
    var code = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || isDash(c)) {
        continue;
      }
      code.append(lookAlike(c, policy.alphabet()));
    }
    if (code.length() != policy.length()) {
      return Optional.empty();
    }
    for (int i = 0; i < code.length(); i++) {
      if (policy.alphabet().indexOf(code.charAt(i)) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(code.toString());
  }

  private static boolean isDash(char c) {
    // Hyphen-minus, the Unicode dashes, the minus sign, and the katakana prolonged sound mark
    // that Japanese keyboards produce for "-".
    return c == '-'
        || (c >= '\u2010' && c <= '\u2015')
        || c == '\u2212'
        || c == '\u30FC'
        || c == '_';
  }

  private static char lookAlike(char c, String alphabet) {
    if (alphabet.indexOf(c) >= 0) {
      return c;
    }
    return switch (c) {
      case 'O' -> '0';
      case 'I', 'L' -> '1';
      default -> c;
    };
  }
}
