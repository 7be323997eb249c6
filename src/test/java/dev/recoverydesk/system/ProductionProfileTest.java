package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.RecoveryDeskApplication;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.TestSocketUtils;

/**
 * The production profile with every required setting: no demo users, no embedded mail server, the
 * contract's groups present, the first administrator from the environment and no other way to
 * become one, and health DOWN while the mail server does not answer: readiness DOWN with it,
 * liveness UP.
 */
@Tag("own-application")
@ExtendWith(OutputCaptureExtension.class)
class ProductionProfileTest {

  private static final String ADMIN = "deskadmin";
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dataDir;

  private final int nothingListens = TestSocketUtils.findAvailableTcpPort();

  @Test
  void production_has_groups_and_its_administrator_but_no_demo_users_and_no_mail_server()
      throws Exception {
    try (var app = start("production-profile", ADMIN, PASSWORD)) {

      var identity = app.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().list())
          .extracting(user -> user.getId())
          .containsExactly(ADMIN);
      assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId(ADMIN).count())
          .isEqualTo(1);
      assertThat(identity.createGroupQuery().list())
          .extracting(group -> group.getId())
          .contains("support-agents", "support-supervisors", "camunda-admin");
      assertThat(app.getBeanNamesForType(com.icegreen.greenmail.util.GreenMail.class)).isEmpty();
      // The dev mailbox and SMS outbox pages show anyone everything: never in production.
      assertThat(app.containsBean("devMailbox")).isFalse();
      assertThat(app.containsBean("devSmsOutbox")).isFalse();

      var health = app.getBean(HealthEndpoint.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      // The mail server's outage takes the node out of service; nothing asks to restart it.
      var http = new Http(app);
      var readiness = http.get("/actuator/health/readiness", null);
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(readiness.body()).isEqualTo("{\"status\":\"DOWN\"}");
      var liveness = http.get("/actuator/health/liveness", null);
      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  @Test
  void the_first_administrator_signs_in_with_a_hashed_password_and_the_setup_page_makes_none(
      CapturedOutput output) throws Exception {
    try (var app = start("first-administrator", ADMIN, PASSWORD)) {
      var http = new Http(app);

      var users = http.users(ADMIN + ":" + PASSWORD);
      assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
      assertThat(users.body()).contains("\"id\":\"" + ADMIN + "\"");
      var stored =
          app.getBean(JdbcTemplate.class)
              .queryForMap("select PWD_, SALT_ from ACT_ID_USER where ID_ = ?", ADMIN);
      assertThat((String) stored.get("PWD_"))
          .isNotBlank()
          .doesNotContain(PASSWORD)
          .doesNotContain(PASSWORD.replace(" ", ""));
      assertThat((String) stored.get("SALT_")).isNotBlank();
      assertThat(output).doesNotContain(PASSWORD);

      assertThat(http.setup("intruder")).allSatisfy(ProductionProfileTest::isSetupClosed);

      // Camunda's own rule opens the setup to anyone once no user is in camunda-admin; the desk's
      // stays closed.
      var identity = app.getBean(IdentityService.class);
      identity.deleteMembership(ADMIN, "camunda-admin");
      try {
        assertThat(http.setup("intruder")).allSatisfy(ProductionProfileTest::isSetupClosed);
        assertThat(http.setupPage().statusCode()).isEqualTo(403);
        assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").count()).isZero();
      } finally {
        identity.createMembership(ADMIN, "camunda-admin");
      }
    }
  }

  @Test
  void a_later_start_never_replaces_the_administrators_password(CapturedOutput output)
      throws Exception {
    try (var first = start("second-start", ADMIN, PASSWORD)) {
      assertThat(new Http(first).users(ADMIN + ":" + PASSWORD).statusCode()).isEqualTo(200);
    }

    try (var second = start("second-start", ADMIN, "another password entirely")) {
      var http = new Http(second);
      assertThat(http.users(ADMIN + ":" + PASSWORD).statusCode()).isEqualTo(200);
      assertThat(http.users(ADMIN + ":another password entirely").statusCode()).isEqualTo(401);
      assertThat(output)
          .contains("The desk has an administrator already")
          .contains("RECOVERY_ADMIN_USERNAME and RECOVERY_ADMIN_PASSWORD are ignored");
    }
  }

  private static void isSetupClosed(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("\"type\":\"urn:recovery-desk:problem:setup-closed\"");
  }

  /** The administrator as the environment gives it, on an H2 database kept for the JVM's life. */
  private ConfigurableApplicationContext start(String database, String admin, String password) {
    return new SpringApplicationBuilder(RecoveryDeskApplication.class)
        .profiles("production")
        .run(
            "--server.port=0",
            "--recovery.data-dir=" + dataDir,
            "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
            "--spring.datasource.username=sa",
            "--spring.datasource.password=secret",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + nothingListens,
            "--recovery.mail.imap.host=127.0.0.1",
            "--recovery.mail.imap.port=" + nothingListens,
            "--recovery.mail.imap.username=support@example.com",
            "--recovery.mail.imap.password=secret",
            "--recovery.mail.imap.enabled=false",
            "--recovery.public-base-url=https://recovery.example.com",
            "--recovery.security.token-secret=0123456789abcdef0123456789abcdef0123",
            "--recovery.security.encryption-key=fedcba9876543210fedcba9876543210fedc",
            "--recovery.admin.username=" + admin,
            "--recovery.admin.password=" + password,
            "--camunda.bpm.generate-unique-process-engine-name=true");
  }

  /** Calls as a browser or a script would, with cookies. */
  private static final class Http {
    private final int port;
    private String csrfToken;
    private final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .build();

    /** Each application has an engine name of its own, so paths name the engine. */
    private final String engine;

    Http(ConfigurableApplicationContext app) {
      this.port = ((WebServerApplicationContext) app).getWebServer().getPort();
      this.engine = app.getBean(ProcessEngine.class).getName();
    }

    HttpResponse<String> users(String credentials) throws IOException, InterruptedException {
      return get("/engine-rest/engine/" + engine + "/user", credentials);
    }

    HttpResponse<String> get(String path, String credentials)
        throws IOException, InterruptedException {
      var request = HttpRequest.newBuilder(url(path));
      if (credentials != null) {
        request.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
      }
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Asks the setup page's call to make {@code user} an administrator, the way the page does (with
     * the webapp's CSRF token), at its path and at spellings of it that a path rule could miss.
     */
    List<HttpResponse<String>> setup(String user) throws IOException, InterruptedException {
      var token = csrfToken();
      var body =
          "{\"profile\":{\"id\":\""
              + user
              + "\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@example.com\"},"
              + "\"credentials\":{\"password\":\"intruder-password-1\"}}";
      var answers = new ArrayList<HttpResponse<String>>();
      for (String path :
          List.of(
              "/camunda/api/admin/setup/" + engine + "/user/create",
              "/camunda/api/admin/%73etup/" + engine + "/user/create",
              "/camunda/api/admin/setup/" + engine + "/user/create/")) {
        answers.add(
            client.send(
                HttpRequest.newBuilder(url(path))
                    .header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      return answers;
    }

    /** The webapps' CSRF token of this client's session, fetched once as a page load does. */
    private String csrfToken() throws IOException, InterruptedException {
      if (csrfToken == null) {
        var page = get("/camunda/app/welcome/" + engine + "/", null);
        csrfToken =
            page.headers()
                .firstValue("X-XSRF-TOKEN")
                .orElseGet(
                    () ->
                        page.headers().allValues("Set-Cookie").stream()
                            .filter(value -> value.startsWith("XSRF-TOKEN="))
                            .map(value -> value.substring(11, value.indexOf(';')))
                            .findFirst()
                            .orElseThrow());
      }
      return csrfToken;
    }

    HttpResponse<String> setupPage() throws IOException, InterruptedException {
      return get("/camunda/app/admin/" + engine + "/setup/", null);
    }

    private URI url(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }
  }
}
