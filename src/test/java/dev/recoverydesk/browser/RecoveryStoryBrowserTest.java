package dev.recoverydesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole story in Chromium, as the people in it see it: the user fills in the form, reads and
 * answers the questionnaire in the dev mailbox; the agent and the supervisor decide in Tasklist;
 * after the hold the user opens the link and sees the codes, once. The desk's jobs run as they fall
 * due; the hold passes by moving the clocks.
 */
class RecoveryStoryBrowserTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired ObjectMapper json;
  @Autowired MutableClock clock;

  private final List<ChromeDriver> browsers = new ArrayList<>();

  @AfterEach
  void closeBrowsersAndPutTheClocksBack() {
    browsers.forEach(ChromeDriver::quit);
    ClockUtil.reset();
    clock.reset();
  }

  @Test
  void from_the_intake_form_to_new_codes_that_work_once() throws Exception {
    var username = TestAccounts.create(accounts, "story");
    var address = username + "@example.com";

    // The user asks for help on the web form.
    var user = browser("en");
    user.get(url("/recovery?lang=en"));
    user.findElement(By.id("username")).sendKeys(username);
    user.findElement(By.id("contactEmail")).sendKeys(address);
    new Select(user.findElement(By.id("problem"))).selectByValue("OTHER");
    Chromium.screenshot(user, "intake-form");
    user.findElement(By.id("send-request")).click();
    var caseId = visible(user, By.id("case-id")).getText();
    assertThat(caseId).startsWith("RC-");
    runDueJobs(caseId);

    // The questionnaire arrives; the user answers it from the dev mailbox.
    openMail(user, address, caseId);
    assertThat(user.findElement(By.id("body")).getText()).contains("1.", "6.");
    var reply = user.findElement(By.id("reply-body"));
    reply.clear();
    reply.sendKeys("1. " + address + "\n3. I think 2019\n\nThanks");
    Chromium.screenshot(user, "dev-mailbox-reply");
    user.findElement(By.id("send-reply")).click();
    visible(user, By.id("sent"));
    await().atMost(Duration.ofSeconds(20)).until(() -> caseView(caseId).contains("REPLY_RECEIVED"));
    runDueJobs(caseId);

    // The agent reviews in Tasklist, from the review queue.
    var agent = tasklist("agent");
    var review = taskId(caseId, "review-identity");
    openTask(agent, "My review queue", review);
    assertThat(field(agent, "caseId").getAttribute("value")).isEqualTo(caseId);
    assertThat(inView(agent, By.cssSelector("textarea[id$='-evidence']")).getAttribute("value"))
        .contains("answer:  " + address, "on file:");
    assertThat(
            agent.findElement(By.cssSelector("textarea[id$='-mailThread']")).getAttribute("value"))
        .contains("I think 2019");
    Chromium.screenshot(agent, "tasklist-review");
    decide(agent, 0, "answers match the account");
    await().atMost(Duration.ofSeconds(20)).until(() -> taskGone(review));

    // One proof only: a supervisor gives the second approval.
    var supervisor = tasklist("supervisor");
    var approval = taskId(caseId, "approve-reset");
    openTask(supervisor, "Needs my approval", approval);
    decide(supervisor, 0, "");
    await().atMost(Duration.ofSeconds(20)).until(() -> taskGone(approval));
    runDueJobs(caseId);

    // The hold passes; the link to the new codes arrives.
    var hold = Duration.ofDays(3).plusMinutes(1);
    clock.advance(hold);
    ClockUtil.offset(hold.toMillis());
    runDueJobs(caseId);
    openMail(user, address, "new backup codes");
    var link =
        user.findElements(By.cssSelector("a.mail-link")).stream()
            .map(a -> a.getAttribute("href"))
            .filter(href -> href.contains("/recovery/codes/"))
            .findFirst()
            .orElseThrow();
    user.get(link.replaceFirst("^https?://[^/]+", url("")));
    visible(user, By.id("show-codes")).click();
    var codes =
        user.findElements(By.className("backup-code")).stream().map(WebElement::getText).toList();
    assertThat(codes).hasSize(5);
    assertThat(user.findElement(By.id("download-codes")).getAttribute("download"))
        .isEqualTo("backup-codes-" + username + ".txt");
    Chromium.screenshot(user, "new-codes");

    user.navigate().refresh();
    user.get(link.replaceFirst("^https?://[^/]+", url("")));
    assertThat(user.findElement(By.tagName("h1")).getText()).isEqualTo("This link no longer works");

    var check =
        new ApiClient(port)
            .post(
                "/api/accounts/" + username + "/backup-codes/verify",
                null,
                "{\"code\":\"" + codes.get(0) + "\"}");
    assertThat(check.statusCode()).isEqualTo(200);
  }

  // --- the people's browsers -----------------------------------------------------------------

  private ChromeDriver browser(String language) {
    var driver = Chromium.start(language);
    browsers.add(driver);
    return driver;
  }

  private ChromeDriver tasklist(String user) {
    var driver = browser("en");
    driver.get(url("/camunda/app/tasklist/"));
    visible(driver, By.cssSelector("input[ng-model=username]")).sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(user);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    visible(driver, By.partialLinkText("My cases"));
    return driver;
  }

  /** Opens the queue, then the case's task in it, and claims it. */
  private void openTask(ChromeDriver driver, String queue, String taskId) {
    visible(driver, By.partialLinkText(queue)).click();
    var entry = visible(driver, By.cssSelector("a[href*='task=" + taskId + "']"));
    entry.click();
    visible(driver, By.cssSelector("button.claim")).click();
    visible(driver, By.cssSelector("input[type=radio][id$='-decision-0']"));
  }

  /** Picks the decision by its place in the form's list and completes the task. */
  private void decide(ChromeDriver driver, int option, String note) {
    // A click as the browser's own: Tasklist's fixed footer may cover the last radio button.
    driver.executeScript(
        "arguments[0].click()",
        inView(driver, By.cssSelector("input[type=radio][id$='-decision-" + option + "']")));
    if (!note.isEmpty()) {
      inView(driver, By.cssSelector("textarea[id$='-decisionNote']")).sendKeys(note);
    }
    var complete = inView(driver, By.cssSelector("button[ng-click='complete()']"));
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.elementToBeClickable(complete))
        .click();
  }

  /** The element scrolled to the middle of the window, clear of Tasklist's fixed footer. */
  private static WebElement inView(ChromeDriver driver, By by) {
    var element = visible(driver, by);
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    return element;
  }

  private WebElement field(ChromeDriver driver, String key) {
    return visible(driver, By.cssSelector("input[id$='-" + key + "']"));
  }

  /** Opens the newest mail of a dev mailbox whose subject holds the words. */
  private void openMail(ChromeDriver driver, String address, String words) {
    var message =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  driver.get(url("/dev/mailbox/" + address));
                  return driver.findElements(By.cssSelector("a.message")).stream()
                      .filter(a -> a.getText().contains(words))
                      .findFirst();
                },
                found -> found.isPresent())
            .orElseThrow();
    message.click();
    visible(driver, By.id("subject"));
  }

  private static WebElement visible(ChromeDriver driver, By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  // --- the desk --------------------------------------------------------------------------------

  private String taskId(String caseId, String key) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                processEngine
                    .getTaskService()
                    .createTaskQuery()
                    .processInstanceBusinessKey(caseId)
                    .taskDefinitionKey(key)
                    .list(),
            tasks -> tasks.size() == 1)
        .get(0)
        .getId();
  }

  private boolean taskGone(String taskId) {
    return processEngine.getTaskService().createTaskQuery().taskId(taskId).count() == 0;
  }

  private String caseView(String caseId) {
    return new ApiClient(port).get("/api/recovery-cases/" + caseId, "agent:agent").body();
  }

  /** Runs the case's jobs that are due, as the job executor would. */
  private void runDueJobs(String caseId) {
    var management = processEngine.getManagementService();
    for (int round = 0; round < 20; round++) {
      var jobs =
          processEngine
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(caseId)
              .list()
              .stream()
              .flatMap(
                  instance ->
                      management
                          .createJobQuery()
                          .processInstanceId(instance.getId())
                          .executable()
                          .list()
                          .stream())
              .toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
