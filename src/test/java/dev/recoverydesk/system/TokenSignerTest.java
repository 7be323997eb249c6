package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSignerTest {

  @TempDir Path dataDir;

  @Test
  void without_a_configured_secret_a_private_key_file_is_made_once_and_reused() throws Exception {
    var first = new TokenSigner(properties(null));
    var keyFile = dataDir.resolve(TokenSigner.KEY_FILE);
    assertThat(keyFile).exists();
    assertThat(Files.getPosixFilePermissions(keyFile))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    var second = new TokenSigner(properties(null));
    assertThat(second.sign("p", "v", 16)).isEqualTo(first.sign("p", "v", 16));
  }

  @Test
  void signatures_depend_on_key_purpose_and_value() {
    var signer = new TokenSigner(properties("a-secret-of-at-least-thirty-two-bytes!"));
    var other = new TokenSigner(properties("another-secret-of-at-least-32-bytes!!"));

    var signature = signer.sign("reply-address", "RC-7K3M9Q", 16);
    assertThat(signature).matches("[a-z2-7]{16}");
    assertThat(signer.verify("reply-address", "RC-7K3M9Q", signature)).isTrue();
    assertThat(signer.verify("reply-address", "RC-7K3M9Q", signature.toUpperCase())).isTrue();
    assertThat(signer.verify("one-time-link", "RC-7K3M9Q", signature)).isFalse();
    assertThat(signer.verify("reply-address", "RC-7K3M9R", signature)).isFalse();
    assertThat(other.verify("reply-address", "RC-7K3M9Q", signature)).isFalse();
    assertThat(signer.verify("reply-address", "RC-7K3M9Q", "")).isFalse();
    assertThat(signer.verify("reply-address", "RC-7K3M9Q", null)).isFalse();
  }

  private DeskProperties properties(String secret) {
    return new DeskProperties(
        dataDir, URI.create("http://127.0.0.1:8080"), new DeskProperties.Security(secret, null));
  }
}
