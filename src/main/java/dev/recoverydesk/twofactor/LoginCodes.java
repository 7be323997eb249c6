package dev.recoverydesk.twofactor;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Login codes from an authenticator app (RFC 6238 TOTP, 6 digits, 30 seconds): the code the seed's
 * "show login code" path has the user read off an app that works offline.
 */
public interface LoginCodes {

  /**
   * Gives the account a new authenticator secret, replacing any older one. The plain secret exists
   * only in the returned value, to be shown once as a QR code.
   */
  Enrolment enrol(String username);

  /**
   * Whether the code is the app's current one (a step either side allowed); each code works once.
   */
  boolean verify(String username, String code);

  /** When the account's current authenticator secret was enrolled, if it has one. */
  Optional<Instant> enrolledAt(String username);

  /** Forgets the account's authenticator secret (a reset): no app code works any more. */
  void remove(String username);

  /**
   * @param secret base32, for typing into an app by hand
   */
  record Enrolment(String secret, URI otpauthUri) {}
}
