package dev.recoverydesk.recovery.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.DeviceIds;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class RequestPageTest extends IntegrationTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern CASE_ID = Pattern.compile("id=\"case-id\">(RC-[^<]+)<");

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired DeviceIds deviceIds;
  @Autowired ObjectMapper json;

  private final CookieManager cookies = new CookieManager();
  private final HttpClient browser =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  @Test
  void theFormOpensACaseFromTheWebAndShowsItsNumber() throws Exception {
    var username = TestAccounts.create(accounts, "webform");
    var page = get("/recovery?lang=ja");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("ユーザー名", "name=\"_csrf\"");
    var sessionBefore = sessionId();

    var sent =
        post(
            "/recovery",
            token(page.body()),
            Map.of(
                "username",
                username,
                "contactEmail",
                username + "@example.com",
                "problem",
                "LOST_PHONE",
                "lang",
                "ja"));

    assertThat(sent.previousResponse().orElseThrow().statusCode()).isEqualTo(303);
    assertThat(sessionId())
        .as("a new session id once the case is kept")
        .isNotEqualTo(sessionBefore);
    assertThat(sent.uri().getPath()).isEqualTo("/recovery/received");
    assertThat(sent.statusCode()).isEqualTo(200);
    var caseId = CASE_ID.matcher(sent.body());
    assertThat(caseId.find()).as("a case number on " + sent.body()).isTrue();
    assertThat(sent.body()).contains("受け付けました", username + "@example.com");
    assertThat(sent.headers().firstValue("Content-Language")).hasValue("ja");

    var reloaded = get("/recovery/received");
    assertThat(reloaded.body()).contains(caseId.group(1));
    var elsewhere =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/recovery/received"))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(elsewhere.uri().getPath()).isEqualTo("/recovery");
    assertThat(elsewhere.body()).doesNotContain(caseId.group(1), username + "@example.com");

    var view = new ApiClient(port).get("/api/recovery-cases/" + caseId.group(1), "agent:agent");
    assertThat(view.statusCode()).isEqualTo(200);
    var body = json.readTree(view.body());
    assertThat(body.path("username").asText()).isEqualTo(username);
    assertThat(body.path("problem").asText()).isEqualTo("LOST_PHONE");
    assertThat(body.path("timeline").get(0).path("detail").asText()).isEqualTo("channel=WEB");
  }

  @Test
  void theFormPassesOnThePlatformsDeviceCookie() throws Exception {
    var username = TestAccounts.create(accounts, "webdevice");
    var deviceId = "platform-device-" + username;
    var account = accounts.find(username).orElseThrow();
    accounts.save(
        account.withDevices(
            List.of(
                new Account.Device("Pixel 8", "Chrome", null, "JP", deviceIds.digest(deviceId)))));
    var cookie = new HttpCookie("device_id", deviceId);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create("http://127.0.0.1:" + port + "/"), cookie);
    var page = get("/recovery?lang=en");

    var sent =
        post(
            "/recovery",
            token(page.body()),
            Map.of(
                "username",
                username,
                "contactEmail",
                username + "@example.com",
                "problem",
                "LOST_PHONE",
                "lang",
                "en"));

    var caseId = CASE_ID.matcher(sent.body());
    assertThat(caseId.find()).as("a case number on " + sent.body()).isTrue();
    var view = new ApiClient(port).get("/api/recovery-cases/" + caseId.group(1), "agent:agent");
    var timeline = json.readTree(view.body()).path("timeline");
    assertThat(timeline.findValuesAsText("kind")).contains("KNOWN_DEVICE");
    assertThat(timeline.findValuesAsText("detail")).contains("Sent from Pixel 8 (Chrome)");
  }

  @Test
  void aPageNamesTheLanguageItIsWrittenInNotTheBrowsers() throws Exception {
    var japanese = get("/recovery?lang=ja", "text/html", "en-US,en;q=0.9");
    assertThat(japanese.body()).contains("ユーザー名");
    assertThat(japanese.headers().firstValue("Content-Language")).hasValue("ja");

    var english = get("/recovery?lang=en", "text/html", "ja-JP,ja;q=0.9");
    assertThat(english.body()).contains("Username");
    assertThat(english.headers().firstValue("Content-Language")).hasValue("en");

    var asTheBrowserAsks = get("/recovery", "text/html", "ja-JP,ja;q=0.9");
    assertThat(asTheBrowserAsks.body()).contains("ユーザー名");
    assertThat(asTheBrowserAsks.headers().firstValue("Content-Language")).hasValue("ja");
  }

  @Test
  void aMistypedPageIsAFriendlyPageForBrowsersAndAProblemForPrograms() throws Exception {
    var page = get("/recovery/nothing/here", "text/html,application/xhtml+xml");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("ページが見つかりません", "href=\"/recovery?lang=en\"");

    var program = get("/recovery/nothing/here", "application/json");
    assertThat(program.statusCode()).isEqualTo(404);
    assertThat(program.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void anUnknownAccountGetsTheSamePage() throws Exception {
    var page = get("/recovery?lang=en");
    var sent =
        post(
            "/recovery",
            token(page.body()),
            Map.of(
                "username", "nobody_" + TestAccounts.suffix(),
                "contactEmail", "someone@example.net",
                "lang", "en"));

    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("Request received").containsPattern(CASE_ID.pattern());
  }

  @Test
  void badInputComesBackWithEveryProblemAndWhatWasTyped() throws Exception {
    var page = get("/recovery?lang=en");
    var sent =
        post(
            "/recovery",
            token(page.body()),
            Map.of(
                "username", "not a name!",
                "contactEmail", "a@b.example, c@d.example",
                "problem", "FORGOT_PASSWORD",
                "description", "x".repeat(5001),
                "lang", "en"));

    assertThat(sent.statusCode()).isEqualTo(400);
    assertThat(sent.body())
        .contains(
            "Enter your username",
            "Enter one whole email address, like name@example.com",
            "Choose one of the listed problems",
            "At most 5000 characters",
            "value=\"not a name!\"")
        .doesNotContain("case-id");
  }

  @Test
  void theFormAsksForOneProblemWithOneSomethingElse() throws Exception {
    var page = Jsoup.parse(get("/recovery?lang=en").body());
    var problem = page.selectFirst("select#problem");
    assertThat(problem.hasAttr("required")).isTrue();
    assertThat(problem.select("option").eachAttr("value"))
        .containsExactly("", "LOST_PHONE", "SMS_NOT_DELIVERED", "LOST_BACKUP_CODES", "OTHER");
    // Nothing is chosen for the user: the first option only asks.
    assertThat(problem.selectFirst("option[value='']").hasAttr("disabled")).isTrue();
    assertThat(problem.select("option").eachText())
        .filteredOn(text -> text.toLowerCase(java.util.Locale.ROOT).contains("something else"))
        .containsExactly("Something else, or not sure (tell us below)");
  }

  @Test
  void anAddressWithoutADomainNameIsRefusedNotPromisedAMail() throws Exception {
    var page = get("/recovery?lang=en");
    var sent =
        post(
            "/recovery",
            token(page.body()),
            Map.of("username", "alice", "contactEmail", "alice@example", "lang", "en"));

    assertThat(sent.statusCode()).isEqualTo(400);
    assertThat(sent.body())
        .contains("Enter one whole email address, like name@example.com")
        .doesNotContain("case-id", "We will write to");
    var api =
        new ApiClient(port)
            .post(
                "/api/recovery-requests",
                null,
                "{\"username\":\"alice\",\"contactEmail\":\"alice@example\"}");
    assertThat(api.statusCode()).isEqualTo(400);
    assertThat(api.body()).contains("contactEmail");
  }

  @Test
  void tooManyRequestsForOneAccountAreRefusedPolitely() throws Exception {
    var username = TestAccounts.create(accounts, "webflood");
    HttpResponse<String> sent = null;
    for (int i = 0; i < 4; i++) {
      var page = get("/recovery?lang=en");
      sent =
          post(
              "/recovery",
              token(page.body()),
              Map.of("username", username, "contactEmail", username + "." + i + "@example.com"));
      if (i < 3) {
        assertThat(sent.statusCode()).isEqualTo(200);
      }
    }
    assertThat(sent.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(sent.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    assertThat(sent.body())
        .contains("We already have recent requests for this account")
        .doesNotContain("case-id");
  }

  @Test
  void oneAddressNamedUnderManyUsernamesIsRefusedPolitely() throws Exception {
    var victim = "webvictim_" + TestAccounts.suffix() + "@example.com";
    HttpResponse<String> sent = null;
    for (int i = 0; i < 4; i++) {
      var page = get("/recovery?lang=ja");
      sent =
          post(
              "/recovery",
              token(page.body()),
              Map.of(
                  "username",
                  "webflood_" + TestAccounts.suffix(),
                  "contactEmail",
                  victim,
                  "lang",
                  "ja"));
      if (i < 3) {
        assertThat(sent.statusCode()).isEqualTo(200);
      }
    }

    assertThat(sent.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(sent.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 8 * 3600L);
    assertThat(sent.body())
        .contains("id=\"form-error\"", "このメールアドレスには最近すでにご案内をお送りしています")
        .doesNotContain("case-id");
  }

  @Test
  void aPostWithoutTheFormsTokenIsRefused() throws Exception {
    var sent =
        browser.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/recovery"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString("username=alice&contactEmail=a@b.example"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(sent.statusCode()).isEqualTo(403);
  }

  private String sessionId() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("JSESSIONID"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse("");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(path, "*/*");
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return get(path, accept, "en");
  }

  private HttpResponse<String> get(String path, String accept, String languages) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", accept)
            .header("Accept-Language", languages)
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String path, String csrf, Map<String, String> fields)
      throws Exception {
    var form = new LinkedHashMap<>(fields);
    form.put("_csrf", csrf);
    var encoded =
        form.entrySet().stream()
            .map(
                field ->
                    field.getKey()
                        + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encoded))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String token(String page) {
    var token = CSRF.matcher(page);
    assertThat(token.find()).as("a CSRF token in the form").isTrue();
    return token.group(1);
  }
}
