package dev.recoverydesk.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.DeviceIds;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The account and backup-code API of the contract, called as a black-box client would. */
class AccountApiTest extends IntegrationTest {

  private static final String ADMIN = "admin:admin";
  private static final String AGENT = "agent:agent";

  @LocalServerPort int port;
  @Autowired ObjectMapper json;
  @Autowired AccountDirectory accounts;
  @Autowired DeviceIds deviceIds;

  private ApiClient api;
  private String username;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
    username = "u" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  @Test
  void an_administrator_creates_and_replaces_an_account() throws Exception {
    var created = api.post("/api/accounts", ADMIN, alice(username, "+819012345678"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue("/api/accounts/" + username);
    assertThat(read(created).get("phone").asText()).isEqualTo("+819012345678");

    var replaced = api.post("/api/accounts", ADMIN, alice(username, "+81 80-1111-2222"));
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(read(replaced).get("phone").asText()).isEqualTo("+818011112222");
  }

  @Test
  void a_device_identifier_is_kept_only_as_a_keyed_digest_and_never_shown() throws Exception {
    var deviceId = "dev-cookie-7Hq2LmX9pR4tZ8wK";
    var body =
        alice(username, null)
            .replace(
                "\"country\":\"JP\"}", "\"country\":\"JP\",\"deviceId\":\"" + deviceId + "\"}");

    var created = api.post("/api/accounts", ADMIN, body);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).doesNotContain(deviceId);
    var stored = accounts.find(username).orElseThrow().devices().get(0);
    assertThat(stored.idDigest()).isNotBlank().doesNotContain(deviceId);
    assertThat(deviceIds.recognise(accounts.find(username).orElseThrow(), deviceId)).isPresent();
    assertThat(deviceIds.recognise(accounts.find(username).orElseThrow(), deviceId + "x"))
        .isEmpty();
    assertThat(api.get("/api/accounts/" + username, AGENT).body())
        .doesNotContain(deviceId, stored.idDigest());
  }

  @Test
  void agents_read_accounts_masked() throws Exception {
    api.post("/api/accounts", ADMIN, alice(username, "+819012345678"));

    var response = api.get("/api/accounts/" + username.toUpperCase(), AGENT);

    assertThat(response.statusCode()).isEqualTo(200);
    var account = read(response);
    assertThat(account.get("email").asText()).isEqualTo("a•••e@example.com");
    assertThat(account.get("previousEmails").get(0).asText()).isEqualTo("a•••d@example.com");
    assertThat(account.get("phone").asText()).isEqualTo("+81 •••••• 5678");
    assertThat(account.get("recentPosts").get(0).get("text").asText()).isEqualTo("紅葉を見に京都へ行ってきた");
    assertThat(response.body()).doesNotContain("alice@example.com", "9012345678");
  }

  @Test
  void only_administrators_write_and_only_staff_read() {
    assertThat(api.post("/api/accounts", AGENT, alice(username, null)).statusCode()).isEqualTo(403);
    assertThat(api.post("/api/accounts", null, alice(username, null)).statusCode()).isEqualTo(401);
    api.post("/api/accounts", ADMIN, alice(username, null));
    assertThat(api.get("/api/accounts/" + username, null).statusCode()).isEqualTo(401);
    assertThat(api.get("/api/accounts/" + username, "supervisor:supervisor").statusCode())
        .isEqualTo(200);
    assertThat(api.post("/api/accounts/" + username + "/backup-codes", AGENT, null).statusCode())
        .isEqualTo(403);
  }

  @Test
  void an_unknown_account_is_a_404_problem_for_staff() throws Exception {
    var response = api.get("/api/accounts/nobody_here", AGENT);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(read(response).get("type").asText())
        .isEqualTo("urn:recovery-desk:problem:not-found");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not json at all                                                  | body",
        "{\"username\":\"bad name!\",\"email\":\"a@example.com\"}          | username",
        "{\"username\":\"ok\",\"email\":\"not-an-address\"}                | email",
        "{\"username\":\"ok\"}                                             | email",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"phone\":\"090-1234-5678\"} | phone",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"locale\":\"fr\"} | locale",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"createdAt\":\"2019/04/01\"} | createdAt",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"createdAt\":\"2999-01-01\"} | createdAt",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"devices\":[{\"country\":\"Japan\"}]} | devices[0].country",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"devices\":[{\"lastSeen\":\"yesterday\"}]} | devices[0].lastSeen",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"devices\":[{\"deviceId\":\"short\"}]} | devices[0].deviceId",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"devices\":[{\"deviceId\":\"has spaces in it, sixteen+\"}]} | devices[0].deviceId",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"recentPosts\":[{\"postedAt\":\"2026-11-15\"}]} | recentPosts[0].text",
        "{\"username\":\"ok\",\"email\":\"a@example.com\",\"following\":[\"fine\",\"not fine\"]} | following[1]",
        "[]                                                               | body"
      })
  void bad_input_is_a_400_problem_naming_the_field(String body, String field) throws Exception {
    var response = api.post("/api/accounts", ADMIN, body.strip());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    var problem = read(response);
    assertThat(problem.get("type").asText()).isEqualTo("urn:recovery-desk:problem:invalid-request");
    assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
  }

  @Test
  void an_empty_body_is_a_400_problem() {
    assertThat(api.post("/api/accounts", ADMIN, null).statusCode()).isEqualTo(400);
  }

  @Test
  void codes_are_issued_to_administrators_and_checked_by_anyone() throws Exception {
    api.post("/api/accounts", ADMIN, alice(username, "+819012345678"));

    var issued = api.post("/api/accounts/" + username + "/backup-codes", ADMIN, null);
    assertThat(issued.statusCode()).isEqualTo(201);
    assertThat(issued.headers().firstValue("Cache-Control")).hasValue("no-store");
    var codes = read(issued).get("codes");
    assertThat(codes).hasSize(5);

    var valid =
        api.post(
            "/api/accounts/" + username + "/backup-codes/verify",
            null,
            "{\"code\":\"" + codes.get(0).asText().toLowerCase() + "\"}");
    assertThat(valid.statusCode()).isEqualTo(200);
    assertThat(read(valid).get("valid").asBoolean()).isTrue();
    assertThat(read(valid).get("remaining").asInt()).isEqualTo(4);

    var status = api.get("/api/accounts/" + username + "/backup-codes", AGENT);
    assertThat(read(status).get("remaining").asInt()).isEqualTo(4);
  }

  @Test
  void every_refused_code_gets_the_same_answer_and_an_unknown_user_too() throws Exception {
    api.post("/api/accounts", ADMIN, alice(username, null));
    var codes = read(api.post("/api/accounts/" + username + "/backup-codes", ADMIN, null));
    var code = codes.get("codes").get(0).asText();

    var used = verify(username, code);
    assertThat(used.statusCode()).isEqualTo(200);
    var again = verify(username, code);
    var wrong = verify(username, "AAAAAAAAAAAA");
    var typo = verify(username, "hello");
    var nobody = verify("nobody_" + username, code);

    for (var refused : new HttpResponse<?>[] {again, wrong, typo, nobody}) {
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.body()).isEqualTo(again.body());
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    assertThat(read(again).get("type").asText())
        .isEqualTo("urn:recovery-desk:problem:invalid-backup-code");

    var history = api.get("/api/accounts/" + username + "/audit", AGENT).body();
    assertThat(history).contains("ALREADY_USED", "UNKNOWN", "TYPO_SHAPED");
  }

  @Test
  void a_missing_code_is_bad_input() throws Exception {
    var response = api.post("/api/accounts/" + username + "/backup-codes/verify", null, "{}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(read(response).get("errors").findValuesAsText("field")).contains("code");
  }

  @Test
  void too_many_failures_answer_429_with_retry_after() throws Exception {
    api.post("/api/accounts", ADMIN, alice(username, null));
    var code =
        read(api.post("/api/accounts/" + username + "/backup-codes", ADMIN, null))
            .get("codes")
            .get(0)
            .asText();
    for (int i = 0; i < 5; i++) {
      assertThat(verify(username, "WRONGWRONG" + (10 + i)).statusCode()).isEqualTo(401);
    }

    var locked = verify(username, code);

    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(read(locked).get("type").asText())
        .isEqualTo("urn:recovery-desk:problem:too-many-attempts");
  }

  private HttpResponse<String> verify(String user, String code) {
    return api.post(
        "/api/accounts/" + user + "/backup-codes/verify", null, "{\"code\":\"" + code + "\"}");
  }

  private JsonNode read(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  private static String alice(String username, String phone) {
    return """
        {"username":"%s","displayName":"Alice","email":"alice@example.com",
         "previousEmails":["alice.old@example.com"],%s"carrier":"docomo",
         "locale":"ja","createdAt":"2019-04-01",
         "twoFactor":{"sms":true,"totp":false,"push":false},
         "devices":[{"name":"iPhone 15","browser":"Safari","lastSeen":"2026-11-01T10:00:00Z","country":"JP"}],
         "recentPosts":[{"postedAt":"2026-11-15","text":"紅葉を見に京都へ行ってきた"}],
         "following":["bob","carol","dave"]}
        """
        .formatted(username, phone == null ? "" : "\"phone\":\"" + phone + "\",");
  }
}
