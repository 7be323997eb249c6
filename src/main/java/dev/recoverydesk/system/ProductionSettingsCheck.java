package dev.recoverydesk.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * In the {@code production} profile, refuses to start when a required setting is missing, before a
 * single connection is attempted, with a message that names the property and its variable.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

  public static final String PROFILE = "production";
  static final int MIN_SECRET_BYTES = 32;

  private static final List<String> REQUIRED =
      List.of(
          "spring.datasource.url",
          "spring.datasource.username",
          "spring.datasource.password",
          "spring.mail.host",
          "recovery.mail.imap.host",
          "recovery.mail.imap.username",
          "recovery.public-base-url",
          "recovery.security.token-secret",
          "recovery.security.encryption-key");

  /** How the desk signs in to the mail servers: with a password, or with OAuth2 access tokens. */
  private static final List<String> PASSWORD_SIGN_IN = List.of("recovery.mail.imap.password");

  private static final List<String> TOKEN_SIGN_IN =
      List.of(
          "spring.mail.username",
          "recovery.mail.oauth2.token-uri",
          "recovery.mail.oauth2.client-id",
          "recovery.mail.oauth2.client-secret");

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.acceptsProfiles(Profiles.of(PROFILE))) {
      return;
    }
    var required = new ArrayList<>(REQUIRED);
    required.addAll(
        environment.getProperty("recovery.mail.oauth2.enabled", Boolean.class, false)
            ? TOKEN_SIGN_IN
            : PASSWORD_SIGN_IN);
    for (String property : required) {
      var value = environment.getProperty(property);
      if (value == null || value.isBlank()) {
        throw new InvalidConfigurationException(
            property,
            "is required in the production profile but is not set.",
            "Set the environment variable " + envName(property) + " (or the property itself).");
      }
    }
    for (String key :
        List.of("recovery.security.token-secret", "recovery.security.encryption-key")) {
      var secret = environment.getProperty(key);
      if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
        throw new InvalidConfigurationException(
            key,
            "is shorter than " + MIN_SECRET_BYTES + " bytes.",
            "Use a random value of at least "
                + MIN_SECRET_BYTES
                + " bytes in "
                + envName(key)
                + ", e.g. the output of 'openssl rand -base64 48'.");
      }
    }
  }

  static String envName(String property) {
    return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
