package dev.recoverydesk.twofactor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How backup codes work. The defaults are the seed's (X's help): five codes a set, to be used in
 * the order they were issued; a code used out of order voids every code the user holds.
 *
 * @param count codes in a set
 * @param length characters a code; with the 32-symbol alphabet 12 give 60 bits
 * @param alphabet the symbols codes are drawn from; Crockford's base32 has no I, L, O or U, so that
 *     what a user reads can only be typed one way
 * @param orderedUse whether codes must be used in issue order
 * @param maxFailures failed checks within {@code window} that lock the account's checks
 * @param window how long failures count towards a lockout
 * @param lockout how long checks stay locked, even for a right code
 */
@ConfigurationProperties("recovery.backup-codes")
public record BackupCodePolicy(
    @DefaultValue("5") int count,
    @DefaultValue("12") int length,
    @DefaultValue("0123456789ABCDEFGHJKMNPQRSTVWXYZ") String alphabet,
    @DefaultValue("true") boolean orderedUse,
    @DefaultValue("5") int maxFailures,
    @DefaultValue("PT15M") Duration window,
    @DefaultValue("PT15M") Duration lockout) {

  /** NIST SP 800-63B asks at least 20 bits of look-up secrets; we ask 60, as the issue does. */
  static final double MIN_BITS = 60;

  public BackupCodePolicy {
    if (count < 1 || count > 50) {
      throw new IllegalArgumentException("recovery.backup-codes.count must be 1 to 50");
    }
    if (alphabet.chars().distinct().count() != alphabet.length() || alphabet.length() < 10) {
      throw new IllegalArgumentException(
          "recovery.backup-codes.alphabet must have at least 10 distinct symbols");
    }
    if (bits(length, alphabet.length()) < MIN_BITS) {
      throw new IllegalArgumentException(
          "recovery.backup-codes.length "
              + length
              + " gives fewer than "
              + (int) MIN_BITS
              + " bits with this alphabet");
    }
    if (maxFailures < 1) {
      throw new IllegalArgumentException("recovery.backup-codes.max-failures must be positive");
    }
  }

  static double bits(int length, int symbols) {
    return length * Math.log(symbols) / Math.log(2);
  }
}
