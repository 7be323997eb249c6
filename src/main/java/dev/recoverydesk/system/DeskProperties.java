package dev.recoverydesk.system;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module shares.
 *
 * @param dataDir where the embedded database and generated keys live ({@code ./data} by default)
 * @param publicBaseUrl how users reach this desk; links in mail start with it
 * @param security keys for signed reply addresses and one-time links
 */
@ConfigurationProperties("recovery")
public record DeskProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("http://127.0.0.1:8080") URI publicBaseUrl,
    @DefaultValue Security security) {

  /**
   * @param tokenSecret the key that signs reply addresses and one-time links; required in
   *     production, generated into the data directory otherwise
   * @param encryptionKey the key that seals secrets at rest (authenticator-app secrets); required
   *     in production, generated into the data directory otherwise
   */
  public record Security(String tokenSecret, String encryptionKey) {}
}
