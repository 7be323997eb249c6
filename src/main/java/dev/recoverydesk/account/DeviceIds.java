package dev.recoverydesk.account;

import dev.recoverydesk.system.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The identifiers a platform gives the devices an account signs in from (a long-lived device
 * cookie, say), kept only as keyed digests. A recovery request that presents one of them comes from
 * a device the account used before: one of the independent proofs, as a previously used device is
 * for GitHub's recovery.
 */
@Component
public class DeviceIds {

  private static final String PURPOSE = "device-id";
  private static final int DIGEST_LENGTH = 52;
  private static final Pattern FORM = Pattern.compile("[\\x21-\\x7e]{16,200}");

  private final TokenSigner signer;

  DeviceIds(TokenSigner signer) {
    this.signer = signer;
  }

  /** Whether {@code id} looks like a device identifier: 16 to 200 visible ASCII characters. */
  public static boolean wellFormed(String id) {
    return id != null && FORM.matcher(id).matches();
  }

  /** The digest stored in place of a device identifier. */
  public String digest(String id) {
    if (!wellFormed(id)) {
      throw new IllegalArgumentException("Not a device identifier");
    }
    return signer.sign(PURPOSE, id, DIGEST_LENGTH);
  }

  /**
   * The device of {@code account} that {@code presented} identifies, if any. Every stored digest is
   * compared, in constant time, so the answer takes as long whichever matches.
   */
  public Optional<Account.Device> recognise(Account account, String presented) {
    if (!wellFormed(presented)) {
      return Optional.empty();
    }
    var digest = digest(presented).getBytes(StandardCharsets.US_ASCII);
    Account.Device found = null;
    for (var device : account.devices()) {
      if (device.idDigest() != null
          && MessageDigest.isEqual(digest, device.idDigest().getBytes(StandardCharsets.US_ASCII))
          && found == null) {
        found = device;
      }
    }
    return Optional.ofNullable(found);
  }
}
