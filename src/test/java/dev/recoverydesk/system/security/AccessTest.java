package dev.recoverydesk.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may come in where: Basic auth on the APIs, Camunda's login on the webapps. */
class AccessTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  @Test
  void the_apis_refuse_anonymous_callers_with_a_basic_challenge_and_a_problem() throws Exception {
    for (String path : new String[] {"/engine-rest/task", "/api/recovery-cases/RC-000000"}) {
      var response = get(path, null);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm="));
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(response.body())
          .contains("\"type\":\"urn:recovery-desk:problem:authentication-required\"")
          .contains("\"status\":401");
    }
  }

  @Test
  void a_wrong_password_is_refused() throws Exception {
    // Never a demo user: Camunda slows down a user's logins after a failure.
    var user = identityService.newUser("wrongpasswordprobe");
    user.setPassword("right-password");
    identityService.saveUser(user);
    try {
      assertThat(get("/engine-rest/task", "wrongpasswordprobe:wrong").statusCode()).isEqualTo(401);
      assertThat(get("/engine-rest/task", "nobody:nothing").statusCode()).isEqualTo(401);
      assertThat(webappLogin("tasklist", "wrongpasswordprobe", "wrong").statusCode())
          .isEqualTo(401);
    } finally {
      identityService.deleteUser("wrongpasswordprobe");
    }
  }

  @Test
  void the_demo_users_reach_the_engine_api_within_their_authorizations() throws Exception {
    var asAgent = get("/engine-rest/group", "agent:agent");
    assertThat(asAgent.statusCode()).isEqualTo(200);
    assertThat(asAgent.body()).contains("support-agents").doesNotContain("camunda-admin");

    var asAdmin = get("/engine-rest/group", "admin:admin");
    assertThat(asAdmin.statusCode()).isEqualTo(200);
    assertThat(asAdmin.body()).contains("support-agents", "support-supervisors", "camunda-admin");

    var supervisorGroups = get("/engine-rest/identity/groups?userId=supervisor", "admin:admin");
    assertThat(supervisorGroups.body()).contains("support-agents", "support-supervisors");

    assertThat(get("/engine-rest/filter", "agent:agent").body())
        .contains("My cases", "My review queue", "Unmatched mail", "Overdue")
        .doesNotContain("\"name\":\"Needs my approval\"", "\"name\":\"Identity reviews\"");
    assertThat(get("/engine-rest/filter", "supervisor:supervisor").body())
        .contains("My review queue", "Needs my approval", "Unmatched mail", "Overdue");
  }

  @Test
  void an_authenticated_call_to_an_unknown_api_path_is_a_404_problem() throws Exception {
    var response = get("/api/no-such-thing", "agent:agent");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void agents_log_in_to_tasklist() throws Exception {
    assertThat(get("/camunda/app/tasklist/", null).statusCode()).isEqualTo(200);

    var login = webappLogin("tasklist", "agent", "agent");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("\"userId\":\"agent\"").contains("tasklist");
  }

  @Test
  void agents_may_not_enter_cockpit_but_supervisors_may() throws Exception {
    assertThat(webappLogin("cockpit", "agent", "agent").statusCode()).isEqualTo(403);
    assertThat(webappLogin("cockpit", "supervisor", "supervisor").statusCode()).isEqualTo(200);
    assertThat(webappLogin("cockpit", "admin", "admin").statusCode()).isEqualTo(200);
  }

  @Test
  void health_is_public_and_details_are_for_admins() throws Exception {
    var anonymous = get("/actuator/health", null);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).isEqualTo("{\"status\":\"UP\"}");

    var admin = get("/actuator/health", "admin:admin");
    assertThat(admin.body())
        .contains("\"engine\":{\"status\":\"UP\"")
        .contains("\"db\":{\"status\":\"UP\"")
        .contains("\"mail\":{\"status\":\"UP\"")
        .contains("\"imap\":{\"status\":\"UP\"");

    var env = get("/actuator/env", "agent:agent");
    assertThat(env.statusCode()).as(env.body() + env.headers().map()).isIn(403, 404);
  }

  @Test
  void camunda_admins_setup_page_creates_no_administrator_in_any_profile() throws Exception {
    var client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .build();
    var page =
        client.send(
            HttpRequest.newBuilder(url("/camunda/app/welcome/default/")).build(),
            HttpResponse.BodyHandlers.discarding());
    var token = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookie(page));
    var create =
        client.send(
            HttpRequest.newBuilder(url("/camunda/api/admin/setup/default/user/create"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"profile\":{\"id\":\"setupprobe\"},"
                            + "\"credentials\":{\"password\":\"setup-probe-password\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(create.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(create.body()).contains("\"type\":\"urn:recovery-desk:problem:setup-closed\"");
    assertThat(identityService.createUserQuery().userId("setupprobe").count()).isZero();
    assertThat(get("/camunda/app/admin/default/setup/", null).statusCode()).isEqualTo(403);
  }

  /** Logs in the way the Camunda webapps' own login page does, CSRF token included. */
  private HttpResponse<String> webappLogin(String app, String user, String password)
      throws IOException, InterruptedException {
    var client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .build();
    var page =
        client.send(
            HttpRequest.newBuilder(url("/camunda/app/" + app + "/default/")).build(),
            HttpResponse.BodyHandlers.discarding());
    var token = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookie(page));
    var form =
        "username="
            + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
    return client.send(
        HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default/login/" + app))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", token)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(value -> value.startsWith("XSRF-TOKEN="))
        .map(value -> value.substring("XSRF-TOKEN=".length(), value.indexOf(';')))
        .findFirst()
        .orElseThrow();
  }

  private HttpResponse<String> get(String path, String credentials)
      throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(url(path));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
