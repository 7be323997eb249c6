package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoverydesk.RecoveryDeskApplication;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/** Bad configuration stops the start with one message that names the property to fix. */
@Tag("own-application")
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

  @TempDir Path dataDir;

  @Test
  void production_without_a_token_secret_names_the_property(CapturedOutput output) {
    var settings = production();
    settings.remove("recovery.security.token-secret");

    assertThatThrownBy(() -> start(settings, "production"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Property 'recovery.security.token-secret' is required")
        .contains("RECOVERY_SECURITY_TOKENSECRET");
  }

  @Test
  void production_signing_in_with_oauth2_needs_its_client_secret_not_the_imap_password(
      CapturedOutput output) {
    var settings = production();
    settings.remove("recovery.mail.imap.password");
    settings.put("recovery.mail.oauth2.enabled", true);
    settings.put("spring.mail.username", "support@example.com");
    settings.put("recovery.mail.oauth2.token-uri", "https://login.example.com/token");
    settings.put("recovery.mail.oauth2.client-id", "desk");

    assertThatThrownBy(() -> start(settings, "production"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(output)
        .contains("Property 'recovery.mail.oauth2.client-secret' is required")
        .contains("RECOVERY_MAIL_OAUTH2_CLIENTSECRET")
        .doesNotContain("recovery.mail.imap.password");
  }

  @Test
  void production_with_a_short_token_secret_is_refused(CapturedOutput output) {
    var settings = production();
    settings.put("recovery.security.token-secret", "too-short");

    assertThatThrownBy(() -> start(settings, "production"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(output).contains("Property 'recovery.security.token-secret' is shorter than 32");
  }

  @Test
  void production_without_a_database_url_names_the_property(CapturedOutput output) {
    var settings = production();
    settings.remove("spring.datasource.url");

    assertThatThrownBy(() -> start(settings, "production"))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThat(output)
        .contains("Property 'spring.datasource.url' is required")
        .contains("SPRING_DATASOURCE_URL");
  }

  @Test
  void an_unreachable_production_database_names_the_property(CapturedOutput output) {
    var settings = production();
    settings.put(
        "spring.datasource.url",
        "jdbc:postgresql://127.0.0.1:" + TestSocketUtils.findAvailableTcpPort() + "/recovery");

    assertThatThrownBy(() -> start(settings, "production")).isInstanceOf(Exception.class);
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Cannot connect to the database at 'spring.datasource.url' = jdbc:postgresql://")
        .contains("SPRING_DATASOURCE_URL");
  }

  @Test
  void a_first_production_start_without_an_administrator_names_the_variables(
      CapturedOutput output) {
    var settings = firstStart();

    assertThatThrownBy(() -> start(settings, "production")).isInstanceOf(Exception.class);
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "Property 'recovery.admin.username' is required in the production profile while no"
                + " user is in group camunda-admin")
        .contains("Set RECOVERY_ADMIN_USERNAME and RECOVERY_ADMIN_PASSWORD (at least 12");
  }

  @Test
  void a_first_production_start_without_an_administrator_password_names_it(CapturedOutput output) {
    var settings = firstStart();
    settings.put("recovery.admin.username", "deskadmin");

    assertThatThrownBy(() -> start(settings, "production")).isInstanceOf(Exception.class);
    assertThat(output)
        .contains("Property 'recovery.admin.password' is required in the production profile")
        .contains("RECOVERY_ADMIN_PASSWORD");
  }

  @Test
  void a_short_administrator_password_is_refused(CapturedOutput output) {
    var settings = firstStart();
    settings.put("recovery.admin.username", "deskadmin");
    settings.put("recovery.admin.password", "short-pass1");

    assertThatThrownBy(() -> start(settings, "production")).isInstanceOf(Exception.class);
    assertThat(output)
        .contains("Property 'recovery.admin.password' is shorter than 12 characters")
        .doesNotContain("short-pass1");
  }

  @Test
  void an_existing_user_outside_camunda_admin_is_never_made_the_administrator(
      CapturedOutput output) {
    var settings = firstStart();
    settings.put("recovery.admin.username", "deskadmin");
    settings.put("recovery.admin.password", "correct horse battery staple");
    try (var first = run(settings, "production")) {
      // Later someone took the user out of camunda-admin, and no administrator is left.
      first.getBean(IdentityService.class).deleteMembership("deskadmin", "camunda-admin");
    }
    settings.put("recovery.admin.password", "a password nobody chose");

    assertThatThrownBy(() -> start(settings, "production")).isInstanceOf(Exception.class);
    assertThat(output)
        .contains(
            "Property 'recovery.admin.username' names the user 'deskadmin', who exists but is not"
                + " in group camunda-admin")
        .contains("an existing user's password is never replaced from the environment");
  }

  @Test
  void a_taken_mail_port_names_the_property(CapturedOutput output) throws Exception {
    try (var taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      var settings = new HashMap<String, Object>();
      settings.put("recovery.data-dir", dataDir.toString());
      settings.put("spring.mail.port", taken.getLocalPort());
      settings.put("recovery.mail.imap.port", TestSocketUtils.findAvailableTcpPort());
      settings.put("camunda.bpm.generate-unique-process-engine-name", true);

      assertThatThrownBy(() -> start(settings)).isInstanceOf(Exception.class);
      assertThat(output)
          .contains("Property 'spring.mail.port' = " + taken.getLocalPort())
          .contains("--spring.mail.port=<port>");
    }
  }

  /** Everything production needs, pointing at nothing that is running. */
  private Map<String, Object> production() {
    var settings = new HashMap<String, Object>();
    settings.put("recovery.data-dir", dataDir.toString());
    settings.put("spring.datasource.url", "jdbc:h2:mem:unused");
    settings.put("spring.datasource.username", "recovery");
    settings.put("spring.datasource.password", "secret");
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("recovery.mail.imap.host", "127.0.0.1");
    settings.put("recovery.mail.imap.username", "support@example.com");
    settings.put("recovery.mail.imap.password", "secret");
    settings.put("recovery.public-base-url", "https://recovery.example.com");
    settings.put("recovery.security.token-secret", "0123456789abcdef0123456789abcdef0123");
    settings.put("recovery.security.encryption-key", "fedcba9876543210fedcba9876543210fedc");
    settings.put("camunda.bpm.generate-unique-process-engine-name", true);
    return settings;
  }

  /** Everything production needs, on a new database that starts: the desk's first start. */
  private Map<String, Object> firstStart() {
    var settings = production();
    settings.put(
        "spring.datasource.url",
        "jdbc:h2:mem:first-start-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    settings.put("recovery.mail.imap.enabled", false);
    // Without a web server the engine's REST API cannot start. (A web start that fails leaves the
    // Camunda webapps' static state pointing at the dead application, for the JVM's next start.)
    settings.put(
        "spring.autoconfigure.exclude",
        "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration");
    return settings;
  }

  /** Settings as command-line arguments, so they win over the profile's files as in real life. */
  private static void start(Map<String, Object> settings, String... profiles) {
    run(settings, profiles).close();
  }

  private static ConfigurableApplicationContext run(
      Map<String, Object> settings, String... profiles) {
    var args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue());
    return new SpringApplicationBuilder(RecoveryDeskApplication.class)
        .web(WebApplicationType.NONE)
        .profiles(profiles)
        .run(args.toArray(String[]::new));
  }
}
