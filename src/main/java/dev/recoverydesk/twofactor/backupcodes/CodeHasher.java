package dev.recoverydesk.twofactor.backupcodes;

import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm;
import org.springframework.stereotype.Component;

/**
 * Backup codes are stored only as salted PBKDF2-HMAC-SHA256 hashes, one salt a code (ASVS 5.0 6.5.2
 * for look-up secrets under 112 bits). Spring's encoder compares the hashes with {@link
 * java.security.MessageDigest#isEqual}, in constant time. The iteration count keeps a check of a
 * whole set well under a second while making an offline guess of a 60-bit code hopeless.
 */
@Component
final class CodeHasher {

  static final int ITERATIONS = 20_000;

  /** Stands in for a typed text that is no code: the normaliser strips dashes, so none matches. */
  private static final String NOT_A_CODE = "-";

  private final PasswordEncoder encoder;

  /** A hash of nothing anyone can type, for doing the same work when there is nothing to check. */
  private final String decoy;

  CodeHasher() {
    this(
        new Pbkdf2PasswordEncoder(
            "", 16, ITERATIONS, SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256));
  }

  /** With another encoder: tests count the hashes through it. */
  CodeHasher(PasswordEncoder encoder) {
    this.encoder = encoder;
    this.decoy = encoder.encode("decoy-" + System.nanoTime());
  }

  String hash(String code) {
    return encoder.encode(code);
  }

  /**
   * Which of the stored hashes the code matches, or -1. Hashes exactly {@code max(work,
   * hashes.size())} times whatever is typed or stored: against every stored hash, the first match
   * not ending the loop, then against the decoy until {@code work} is done; a text that is no code
   * is hashed all the same. So neither a refusal's reason nor the account's codes change the work.
   */
  int indexOfMatch(Optional<String> code, List<String> hashes, int work) {
    var text = code.orElse(NOT_A_CODE);
    int matched = -1;
    for (int i = 0; i < Math.max(work, hashes.size()); i++) {
      boolean hit = encoder.matches(text, i < hashes.size() ? hashes.get(i) : decoy);
      if (hit && matched < 0 && i < hashes.size() && code.isPresent()) {
        matched = i;
      }
    }
    return matched;
  }
}
