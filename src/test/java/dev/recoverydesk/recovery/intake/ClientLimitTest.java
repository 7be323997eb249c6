package dev.recoverydesk.recovery.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.RecoveryDeskApplication;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.audit.AuditLog;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.TestSocketUtils;

/**
 * The per-client limit, with a desk of its own that allows two requests an hour: a client that
 * writes {@code X-Forwarded-For} or {@code Forwarded} itself is still the address it connects from,
 * unless the operator set {@code server.forward-headers-strategy}; then the forwarded client is the
 * one that counts.
 */
@Tag("own-application")
class ClientLimitTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @TempDir Path dataDir;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void without_a_forward_headers_strategy_a_forged_header_does_not_make_a_new_client()
      throws Exception {
    try (var desk = start()) {
      var port = port(desk);
      var instancesBefore = accountRecoveryInstances(desk);

      var first = request(port, "X-Forwarded-For", "198.51.100.1");
      var second = request(port, "Forwarded", "for=198.51.100.2");
      var third = request(port, "X-Forwarded-For", "198.51.100.3, 198.51.100.4");

      assertThat(first.response().statusCode()).as(first.response().body()).isEqualTo(202);
      assertThat(second.response().statusCode()).as(second.response().body()).isEqualTo(202);
      assertThat(third.response().statusCode()).isEqualTo(429);
      assertThat(third.response().headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(json.readTree(third.response().body()).get("type").asText())
          .isEqualTo("urn:recovery-desk:problem:too-many-requests");
      // Two an hour: one more every half hour.
      assertThat(retryAfter(third.response())).isBetween(1L, Duration.ofMinutes(30).toSeconds());
      assertThat(casesOf(desk, third.username())).isZero();
      assertThat(accountRecoveryInstances(desk)).isEqualTo(instancesBefore + 2);
      assertThat(limitedAudit(desk, third.username()))
          .containsEntry("limit", "CLIENT")
          .containsEntry("client", "127.0.0.1");

      // The web form is the same client's, and is refused alike.
      var form = formRequest(port);
      assertThat(form.response().statusCode()).isEqualTo(429);
      assertThat(retryAfter(form.response())).isPositive();
      assertThat(form.response().body())
          .contains("Too many requests came from your network")
          .doesNotContain("case-id");
      assertThat(casesOf(desk, form.username())).isZero();
    }
  }

  @Test
  void with_the_native_strategy_the_forwarded_client_counts() throws Exception {
    try (var desk = start("--server.forward-headers-strategy=native")) {
      var port = port(desk);

      var first = request(port, "X-Forwarded-For", "203.0.113.1");
      var second = request(port, "X-Forwarded-For", "203.0.113.1");
      var third = request(port, "X-Forwarded-For", "203.0.113.1");
      var another = request(port, "X-Forwarded-For", "203.0.113.2");

      assertThat(first.response().statusCode()).isEqualTo(202);
      assertThat(second.response().statusCode()).isEqualTo(202);
      assertThat(third.response().statusCode()).isEqualTo(429);
      assertThat(retryAfter(third.response())).isPositive();
      assertThat(another.response().statusCode()).as("another client").isEqualTo(202);
      assertThat(limitedAudit(desk, third.username()))
          .containsEntry("limit", "CLIENT")
          .containsEntry("client", "203.0.113.1");
    }
  }

  record Sent(String username, HttpResponse<String> response) {}

  private Sent request(int port, String header, String value) throws Exception {
    var username = "client_" + TestAccounts.suffix();
    var body =
        json.writeValueAsString(
            Map.of(
                "username",
                username,
                "contactEmail",
                username + "@example.com",
                "problem",
                "OTHER"));
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/recovery-requests"))
                    .header("Content-Type", "application/json")
                    .header(header, value)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Sent(username, response);
  }

  private static Sent formRequest(int port) throws Exception {
    var browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    var page =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/recovery?lang=en"))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    var token = CSRF.matcher(page.body());
    assertThat(token.find()).as("a CSRF token in the form").isTrue();
    var username = "form_" + TestAccounts.suffix();
    var form =
        "_csrf="
            + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)
            + "&lang=en&username="
            + username
            + "&contactEmail="
            + URLEncoder.encode(username + "@example.com", StandardCharsets.UTF_8);
    var response =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/recovery"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", "198.51.100.9")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Sent(username, response);
  }

  private ConfigurableApplicationContext start(String... more) {
    var arguments =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--recovery.data-dir=" + dataDir,
                "--spring.mail.port=" + TestSocketUtils.findAvailableTcpPort(),
                "--recovery.mail.imap.port=" + TestSocketUtils.findAvailableTcpPort(),
                "--recovery.cases.max-per-client=2",
                "--recovery.cases.client-window=PT1H",
                "--camunda.bpm.job-execution.enabled=false",
                "--camunda.bpm.generate-unique-process-engine-name=true"));
    arguments.addAll(List.of(more));
    return new SpringApplicationBuilder(RecoveryDeskApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext desk) {
    return Integer.parseInt(desk.getEnvironment().getProperty("local.server.port"));
  }

  private static long retryAfter(HttpResponse<String> response) {
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }

  private static long accountRecoveryInstances(ConfigurableApplicationContext desk) {
    return desk.getBean(HistoryService.class)
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(CaseIntake.PROCESS_KEY)
        .count();
  }

  private static int casesOf(ConfigurableApplicationContext desk, String username) {
    return desk.getBean(JdbcTemplate.class)
        .queryForObject(
            "select count(*) from recovery_case where username = ?", Integer.class, username);
  }

  private static Map<String, Object> limitedAudit(
      ConfigurableApplicationContext desk, String username) {
    return desk.getBean(AuditLog.class).about("account:" + username, 10).stream()
        .filter(entry -> entry.action().equals(CaseIntake.INTAKE_LIMITED))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no INTAKE_LIMITED for " + username))
        .details();
  }
}
