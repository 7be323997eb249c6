package dev.recoverydesk.system;

import dev.recoverydesk.common.Base32;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signs short values (a case id in a reply address, later one-time links) with the desk's secret
 * key, so that nobody can forge them; checks signatures in constant time.
 *
 * <p>Signatures are lower-case base32: they survive mail servers and clients that change the case
 * of an address's local part.
 */
@Component
public class TokenSigner {

  private static final String ALGORITHM = "HmacSHA256";
  static final String KEY_FILE = "token-secret.key";

  private final SecretKeySpec key;

  public TokenSigner(DeskProperties properties) {
    this.key = new SecretKeySpec(loadSecret(properties), ALGORITHM);
  }

  /** A signature of {@code value} for one purpose; the same value signed for another differs. */
  public String sign(String purpose, String value, int length) {
    try {
      var mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      var digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      var signature = Base32.encode(digest).toLowerCase(Locale.ROOT).substring(0, length);
      Arrays.fill(digest, (byte) 0);
      return signature;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  public boolean verify(String purpose, String value, String signature) {
    if (signature == null || signature.isEmpty() || signature.length() > 52) {
      return false;
    }
    var expected = sign(purpose, value, signature.length());
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] loadSecret(DeskProperties properties) {
    var configured = properties.security().tokenSecret();
    if (configured != null && !configured.isBlank()) {
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    // Laptop and demo runs: a random key kept beside the database, so links survive restarts.
    return KeyFiles.readOrCreate(properties.dataDir().resolve(KEY_FILE), 48);
  }
}
