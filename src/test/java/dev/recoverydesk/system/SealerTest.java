package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealerTest {

  @TempDir Path dataDir;

  @Test
  void a_sealed_secret_opens_only_for_its_owner_and_its_key() {
    var sealer = sealer("first-key-of-at-least-thirty-two-bytes");
    var secret = "JBSWY3DPEHPK3PXP".getBytes(StandardCharsets.US_ASCII);

    var sealed = sealer.seal(secret, "login-code:alice");

    assertThat(sealed).doesNotContain("JBSWY3DPEHPK3PXP");
    assertThat(sealer.seal(secret, "login-code:alice")).isNotEqualTo(sealed);
    assertThat(sealer.open(sealed, "login-code:alice")).isEqualTo(secret);
    assertThatThrownBy(() -> sealer.open(sealed, "login-code:mallory"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> sealer("other-key-of-at-least-thirty-two-bytes").open(sealed, "login-code:alice"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void without_a_configured_key_one_is_kept_in_the_data_directory() {
    var sealed = sealer(null).seal(new byte[] {1, 2, 3}, "owner");

    assertThat(dataDir.resolve(Sealer.KEY_FILE)).exists();
    assertThat(sealer(null).open(sealed, "owner")).containsExactly(1, 2, 3);
  }

  private Sealer sealer(String key) {
    return new Sealer(
        new DeskProperties(
            dataDir, URI.create("http://127.0.0.1:8080"), new DeskProperties.Security(null, key)));
  }
}
