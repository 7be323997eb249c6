package dev.recoverydesk.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals small secrets for storage (AES-256-GCM, a fresh nonce each time), so that a copy of the
 * database alone does not give them away. The associated data binds a sealed value to its owner:
 * one account's secret cannot be moved to another's row.
 */
@Component
public class Sealer {

  static final String KEY_FILE = "encryption.key";
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public Sealer(DeskProperties properties) {
    var configured = properties.security().encryptionKey();
    byte[] material =
        configured != null && !configured.isBlank()
            ? configured.getBytes(StandardCharsets.UTF_8)
            : KeyFiles.readOrCreate(properties.dataDir().resolve(KEY_FILE), 32);
    try {
      // Any configured text becomes a 256-bit key.
      this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(material), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String seal(byte[] secret, String owner) {
    try {
      var nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      var sealed = cipher.doFinal(secret);
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot seal a secret", e);
    }
  }

  /**
   * @throws IllegalStateException when the value was tampered with or sealed for another owner
   */
  public byte[] open(String sealed, String owner) {
    try {
      var bytes = Base64.getDecoder().decode(sealed);
      var cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("Cannot open a sealed secret", e);
    }
  }
}
