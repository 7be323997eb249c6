package dev.recoverydesk.twofactor.backupcodes;

import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm;

/**
 * Backup codes are stored only as salted PBKDF2-HMAC-SHA256 hashes, one salt a code (ASVS 5.0 6.5.2
 * for look-up secrets under 112 bits). Matching is constant-time. The iteration count keeps a check
 * of a whole set well under a second while making an offline guess of a 60-bit code hopeless.
 */
final class CodeHasher {

  static final int ITERATIONS = 20_000;

  private final Pbkdf2PasswordEncoder encoder =
      new Pbkdf2PasswordEncoder("", 16, ITERATIONS, SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);

  /** A hash of nothing anyone can type, for doing the same work when there is nothing to check. */
  private final String decoy = encoder.encode("decoy-" + System.nanoTime());

  String hash(String code) {
    return encoder.encode(code);
  }

  boolean matches(String code, String hash) {
    return encoder.matches(code, hash);
  }

  /** Spends the time a real check would, so that timing does not tell accounts apart. */
  void decoyWork(String code, int times) {
    for (int i = 0; i < times; i++) {
      encoder.matches(code, decoy);
    }
  }
}
