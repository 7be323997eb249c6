package dev.recoverydesk.mail.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.imap.ImapServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.RecoveryDeskApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.util.TestSocketUtils;

/**
 * The desk in the production profile reading its mailbox and sending mail signed in by XOAUTH2,
 * with tokens by the client-credentials grant from a token endpoint of the test's: a token that
 * expires while IDLE is open, and an endpoint that refuses.
 */
@Tag("own-application")
@ExtendWith(OutputCaptureExtension.class)
class MailboxOAuth2Test {

  private static final String SUPPORT = "support@desk.example";
  private static final String SECRET = "client-secret-never-shown";
  private static final String ADMIN = "deskadmin";
  private static final String ADMIN_PASSWORD = "correct horse battery staple";

  @TempDir Path dataDir;

  private final TokenEndpoint endpoint = new TokenEndpoint();
  private final ServerSetup imapSetup =
      new ServerSetup(TestSocketUtils.findAvailableTcpPort(), "127.0.0.1", "imap");
  private final ServerSetup smtpSetup =
      new ServerSetup(TestSocketUtils.findAvailableTcpPort(), "127.0.0.1", "smtp");
  private final GreenMail mailServer = new GreenMail(new ServerSetup[] {smtpSetup, imapSetup});
  private ImapServer restartedImap;

  MailboxOAuth2Test() {
    mailServer.start();
  }

  @AfterEach
  void stop() {
    if (restartedImap != null) {
      restartedImap.stopService();
    }
    mailServer.stop();
    endpoint.close();
  }

  @Test
  void a_token_that_expires_while_idle_is_open_is_renewed_and_no_mail_is_lost(CapturedOutput output)
      throws Exception {
    var user = mailServer.setUser(SUPPORT, SUPPORT, "token-1");
    endpoint.answer(TokenEndpoint.token("token-1", 3600));
    try (var app = start("oauth2-idle")) {
      var jdbc = app.getBean(JdbcTemplate.class);
      send("Before the token expires");
      waitFor(() -> stored(jdbc, "Before the token expires"));

      // The hour passes: the token has expired. The server ends the sessions it signed in, as
      // Exchange Online does, and takes only the next token; a mail arrives while none is open.
      app.getBean(MutableClock.class).advance(Duration.ofHours(2));
      endpoint.answer(TokenEndpoint.token("token-2", 4 * 3600));
      user.setPassword("token-2");
      mailServer.getImap().stopService();
      send("While the reader is away");
      restartedImap = new ImapServer(imapSetup, mailServer.getManagers());
      restartedImap.startService();

      waitFor(() -> stored(jdbc, "While the reader is away"));
      assertThat(jdbc.queryForObject("select count(*) from inbound_mail", Integer.class))
          .isEqualTo(2);
      assertThat(endpoint.requests())
          .hasSizeGreaterThanOrEqualTo(2)
          .allSatisfy(form -> assertThat(form).containsEntry("grant_type", "client_credentials"));

      // The mail sender signs in with the token of the moment too.
      var health = health(app);
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body())
          .contains("\"imap\":{\"status\":\"UP\"", "\"mail\":{\"status\":\"UP\"");
      // No OAuth2 login for the web pages came with the OAuth2 client.
      assertThat(app.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
    }
    assertThat(output).doesNotContain("token-1").doesNotContain("token-2").doesNotContain(SECRET);
  }

  @Test
  void a_refusing_token_endpoint_is_named_in_the_log_and_in_health_without_the_secret(
      CapturedOutput output) throws Exception {
    mailServer.setUser(SUPPORT, SUPPORT, "token-1");
    endpoint.answer(
        TokenEndpoint.error(
            400, "invalid_client", "AADSTS7000215: Invalid client secret provided."));
    var refusal =
        "No access token for the mail server: the token endpoint "
            + endpoint.uri()
            + " answered invalid_client (AADSTS7000215: Invalid client secret provided.)";
    try (var app = start("oauth2-refused")) {
      var health = health(app);

      assertThat(health.statusCode()).isEqualTo(503);
      var error = "\"error\":\"jakarta.mail.AuthenticationFailedException: " + refusal + "\"";
      assertThat(health.body())
          .contains("\"imap\":{\"status\":\"DOWN\",\"details\":{" + error + "}}")
          .contains(
              "\"mail\":{\"status\":\"DOWN\",\"details\":{\"location\":\"127.0.0.1:"
                  + smtpSetup.getPort()
                  + "\","
                  + error
                  + "}}")
          .doesNotContain(SECRET);
      assertThat(output)
          .contains("WARN")
          .contains("d.r.mail.oauth2.MailAccessTokens")
          .contains(refusal);
    }
    assertThat(output).doesNotContain(SECRET);
  }

  private ConfigurableApplicationContext start(String name) {
    return new SpringApplicationBuilder(RecoveryDeskApplication.class, MovableClock.class)
        .profiles("production")
        .run(
            "--server.port=0",
            "--recovery.data-dir=" + dataDir,
            "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
            "--spring.datasource.username=sa",
            "--spring.datasource.password=secret",
            "--camunda.bpm.generate-unique-process-engine-name=true",
            "--camunda.bpm.job-execution.enabled=false",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + smtpSetup.getPort(),
            "--spring.mail.username=" + SUPPORT,
            // The test's mail server speaks SMTP without TLS.
            "--spring.mail.properties.mail.smtp.starttls.enable=false",
            "--spring.mail.properties.mail.smtp.starttls.required=false",
            "--recovery.mail.support-address=" + SUPPORT,
            "--recovery.mail.imap.host=127.0.0.1",
            "--recovery.mail.imap.port=" + imapSetup.getPort(),
            "--recovery.mail.imap.ssl=false",
            "--recovery.mail.imap.username=" + SUPPORT,
            "--recovery.mail.poll-interval=PT1S",
            "--recovery.mail.oauth2.enabled=true",
            "--recovery.mail.oauth2.token-uri=" + endpoint.uri(),
            "--recovery.mail.oauth2.client-id=desk-client",
            "--recovery.mail.oauth2.client-secret=" + SECRET,
            "--recovery.mail.oauth2.scopes=https://outlook.office365.com/.default",
            "--recovery.public-base-url=https://recovery.example.com",
            "--recovery.security.token-secret=0123456789abcdef0123456789abcdef0123",
            "--recovery.security.encryption-key=fedcba9876543210fedcba9876543210fedc",
            "--recovery.admin.username=" + ADMIN,
            "--recovery.admin.password=" + ADMIN_PASSWORD);
  }

  /** The desk's clock, moved by the test to let a token expire. */
  @Configuration(proxyBeanMethods = false)
  static class MovableClock {
    @Bean
    @Primary
    MutableClock mutableClock() {
      return new MutableClock();
    }
  }

  private void send(String subject) {
    GreenMailUtil.sendTextEmail(SUPPORT, "someone@example.org", subject, "Hello", smtpSetup);
  }

  private static boolean stored(JdbcTemplate jdbc, String subject) {
    return jdbc.queryForObject(
            "select count(*) from inbound_mail where subject = ?", Integer.class, subject)
        == 1;
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    var deadline = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waited 30 s").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static HttpResponse<String> health(ConfigurableApplicationContext app) throws Exception {
    var port = ((WebServerApplicationContext) app).getWebServer().getPort();
    var credentials = (ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8);
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
