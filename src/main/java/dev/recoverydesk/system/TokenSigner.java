package dev.recoverydesk.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
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
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
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
      return base32(digest).substring(0, length);
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
    return readOrCreateKeyFile(properties.dataDir().resolve(KEY_FILE));
  }

  private static byte[] readOrCreateKeyFile(Path file) {
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).trim());
      }
      Files.createDirectories(file.getParent());
      var secret = new byte[48];
      new SecureRandom().nextBytes(secret);
      var temp = Files.createTempFile(file.getParent(), "token-secret", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
      Files.writeString(temp, Base64.getEncoder().encodeToString(secret));
      Files.move(temp, file);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the key file " + file, e);
    }
  }

  private static String base32(byte[] bytes) {
    var out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32[(buffer << (5 - bits)) & 31]);
    }
    Arrays.fill(bytes, (byte) 0);
    return out.toString();
  }
}
