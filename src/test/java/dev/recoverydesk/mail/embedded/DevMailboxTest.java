package dev.recoverydesk.mail.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dev mailbox as a person uses it: find the mail, read it, reply from the browser. */
class DevMailboxTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired ObjectMapper json;

  private final HttpClient browser =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(new CookieManager())
          .build();

  @Test
  void a_user_reads_the_questionnaire_and_answers_it_from_the_browser() throws Exception {
    var username = TestAccounts.create(accounts, "devmail");
    var address = username + "@example.com";
    var api = new ApiClient(port);
    var opened =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of("username", username, "contactEmail", address, "problem", "OTHER")));
    var caseId = json.readTree(opened.body()).get("caseId").asText();
    runDueJobs(caseId);

    var mailboxes = Jsoup.parse(get("/dev/mailbox").body());
    var box =
        mailboxes.select("a.mailbox").stream().filter(a -> a.text().equals(address)).findFirst();
    assertThat(box).as("a mailbox for " + address).isPresent();

    var list =
        Jsoup.parse(
            await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> get(box.get().attr("href")).body(), body -> body.contains(caseId)));
    var message =
        list.select("a.message").stream().filter(a -> a.text().contains(caseId)).findFirst();
    assertThat(message).isPresent();

    var page = Jsoup.parse(get(message.get().attr("href")).body());
    assertThat(page.select("#body").text()).contains("1.", "6.");
    var form = page.selectFirst("form[method=post]");
    assertThat(form.selectFirst("textarea#reply-body").text()).contains("> 1.");

    var sent =
        post(
            form.attr("action"),
            Map.of(
                "_csrf",
                form.selectFirst("input[name=_csrf]").val(),
                "body",
                "1. " + address + "\n3. 2019-04\n\n" + form.selectFirst("textarea").text()));
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(sent.body()).select("#sent").text()).isEqualTo("Reply sent");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> api.get("/api/recovery-cases/" + caseId, "agent:agent").body(),
            body -> body.contains("REPLY_RECEIVED"));
    var answers =
        json.readTree(api.get("/api/recovery-cases/" + caseId, "agent:agent").body())
            .get("answers");
    assertThat(answers.path("1").asText()).isEqualTo(address);
  }

  @Test
  void a_reply_without_its_form_token_is_refused() throws Exception {
    var refused = post("/dev/mailbox/support@recovery.local/1/reply", Map.of("body", "hi"));
    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void an_unknown_mailbox_is_a_404() throws Exception {
    assertThat(get("/dev/mailbox/nobody@nowhere.example").statusCode()).isEqualTo(404);
  }

  @Test
  void the_sms_outbox_page_lists_the_texts() throws Exception {
    var page = get("/dev/sms");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("SMS outbox");
  }

  private void runDueJobs(String caseId) {
    CaseJobs.runDue(processEngine, caseId);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    var form = new StringBuilder();
    for (var field : fields.entrySet()) {
      form.append(form.isEmpty() ? "" : "&")
          .append(field.getKey())
          .append('=')
          .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
    }
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
