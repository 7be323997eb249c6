package dev.recoverydesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.ApiClient;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** The other screens people meet: the form in Japanese, the cancel page, four-eyes in Tasklist. */
class HoldAndLanguageBrowserTest extends BrowserTest {

  @Autowired AccountDirectory accounts;

  @Test
  void a_japanese_browser_gets_the_form_and_its_answer_in_japanese() throws Exception {
    var username = TestAccounts.create(accounts, "nihongo");
    var user = browser("ja");
    user.get(url("/recovery"));
    assertThat(user.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
    assertThat(user.findElement(By.tagName("body")).getText()).contains("ユーザー名");

    user.findElement(By.id("username")).sendKeys(username);
    user.findElement(By.id("contactEmail")).sendKeys(username + "@example.com");
    new Select(user.findElement(By.id("problem"))).selectByValue("LOST_PHONE");
    user.findElement(By.id("send-request")).click();
    visible(user, By.id("case-id"));
    assertThat(user.findElement(By.tagName("body")).getText()).contains("受け付けました");
    Chromium.screenshot(user, "intake-received-ja");

    user.get(url("/recovery?lang=en"));
    assertThat(user.findElement(By.tagName("body")).getText()).contains("Username");
  }

  @Test
  void the_owner_stops_the_reset_from_the_cancel_link_during_the_hold() throws Exception {
    var username = TestAccounts.create(accounts, "stopit");
    var address = username + "@example.com";
    var caseId = approvedAndHeld(username, address);

    var user = browser("en");
    openMail(user, address, "will be reset");
    var link =
        user.findElements(By.cssSelector("a.mail-link")).stream()
            .map(a -> a.getAttribute("href"))
            .filter(href -> href.contains("/recovery/cancel/"))
            .findFirst()
            .orElseThrow();
    // An English case, read by someone who asks for Japanese.
    var cancel = link.replaceFirst("^https?://[^/]+", url(""));
    user.get(cancel + "?lang=ja");
    var stop = visible(user, By.id("cancel-reset"));
    assertThat(stop.getText()).isEqualTo("リセットを取り消す");
    // It speaks to an impostor's victim and to an owner who no longer needs the reset alike.
    assertThat(user.findElement(By.tagName("main")).getText()).contains("心当たりがない", "もう必要ない");
    Axe.assertAccessible(user, "cancel page (ja)");
    stop.click();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> caseView(caseId).contains("\"status\":\"CANCELLED\""));
    Axe.assertAccessible(user, "reset stopped (ja)");
    Chromium.screenshot(user, "reset-cancelled");

    // The used link says so in the case's language, about cancelling, not about codes.
    user.get(cancel);
    assertThat(user.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
    assertThat(user.findElement(By.tagName("h1")).getText()).isEqualTo("This link no longer works");
    assertThat(user.findElement(By.id("gone-cancel")).getText())
        .contains("A cancel link works once");
    assertThat(user.findElements(By.id("gone-codes"))).isEmpty();
    Axe.assertAccessible(user, "used cancel link");
    user.get(cancel + "?lang=ja");
    assertThat(user.findElement(By.tagName("h1")).getText()).isEqualTo("このリンクは使用できません");

    user.get(cancel.replace("/recovery/cancel/", "/recovery/cancel/x") + "?lang=en");
    assertThat(user.findElement(By.tagName("h1")).getText()).isEqualTo("This link no longer works");

    timePasses(Duration.ofDays(4));
    runDueJobs(caseId);
    assertThat(caseView(caseId)).contains("\"status\":\"CANCELLED\"");
  }

  @Test
  void tasklist_refuses_the_second_approval_to_the_supervisor_who_reviewed() throws Exception {
    var username = TestAccounts.create(accounts, "foureyes");
    var address = username + "@example.com";
    var caseId = answered(username, address);

    var supervisor = tasklist("supervisor");
    var review = taskId(caseId, "review-identity");
    openTask(supervisor, "My review queue", review);
    decide(supervisor, 0, "reviewed by me");
    await().atMost(Duration.ofSeconds(20)).until(() -> taskGone(review));

    var approval = taskId(caseId, "approve-reset");
    supervisor.navigate().refresh();
    openTask(supervisor, "Needs my approval", approval);
    decide(supervisor, 0, "");
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> supervisor.getPageSource().contains("Four-eyes"));
    Chromium.screenshot(supervisor, "tasklist-four-eyes");
    assertThat(taskGone(approval)).isFalse();
    assertThat(caseView(caseId)).contains("\"status\":\"AWAITING_APPROVAL\"");
  }

  // --- getting a case to where the test starts, through the API and mail -----------------------

  private String approvedAndHeld(String username, String address) throws Exception {
    var caseId = answered(username, address);
    complete("agent", taskId(caseId, "review-identity"));
    complete("supervisor", taskId(caseId, "approve-reset"));
    runDueJobs(caseId);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> caseView(caseId).contains("\"status\":\"RESET_PENDING\""));
    return caseId;
  }

  /** An approval through the engine's REST API, as that user. */
  private void complete(String user, String taskId) {
    var api = new ApiClient(port);
    var credentials = user + ":" + user;
    api.post(
        "/engine-rest/task/" + taskId + "/claim", credentials, "{\"userId\":\"" + user + "\"}");
    var done =
        api.post(
            "/engine-rest/task/" + taskId + "/complete",
            credentials,
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }
}
