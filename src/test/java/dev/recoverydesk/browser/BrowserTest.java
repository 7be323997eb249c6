package dev.recoverydesk.browser;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MutableClock;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the browser tests share: Chromium windows for the people in the story, Tasklist's login,
 * queues and forms, the dev mailbox, and the desk's jobs run as they fall due.
 */
abstract class BrowserTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired MutableClock clock;
  @Autowired ObjectMapper json;

  private final List<ChromeDriver> browsers = new ArrayList<>();

  @AfterEach
  void closeBrowsersAndPutTheClocksBack() {
    browsers.forEach(ChromeDriver::quit);
    CaseJobs.resetClocks(clock);
  }

  /** Moves the desk's and the engine's clocks forward. */
  void timePasses(Duration duration) {
    CaseJobs.timePasses(clock, duration);
  }

  // --- the people's browsers -----------------------------------------------------------------

  ChromeDriver browser(String language) {
    var driver = Chromium.start(language);
    browsers.add(driver);
    return driver;
  }

  ChromeDriver tasklist(String user) {
    var driver = browser("en");
    driver.get(url("/camunda/app/tasklist/"));
    signIn(driver, user);
    return driver;
  }

  /** Signs in on Tasklist's login page, the password being the user's name. */
  static void signIn(ChromeDriver driver, String user) {
    // A fresh browser loads all of Tasklist first, slow on a busy machine.
    new WebDriverWait(driver, Duration.ofSeconds(45))
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[ng-model=username]")))
        .sendKeys(user);
    driver.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(user);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    visible(driver, By.partialLinkText("My cases"));
  }

  /** Opens the queue, then the case's task in it, and claims it. */
  void openTask(ChromeDriver driver, String queue, String taskId) {
    visible(driver, By.partialLinkText(queue)).click();
    var entry = visible(driver, By.cssSelector("a[href*='task=" + taskId + "']"));
    entry.click();
    visible(driver, By.cssSelector("button.claim")).click();
    visible(driver, By.cssSelector("input[type=radio][id$='-decision-0']"));
  }

  /** Picks the decision by its place in the form's list and completes the task. */
  void decide(ChromeDriver driver, int option, String note) {
    // A click as the browser's own: Tasklist's fixed footer may cover the last radio button.
    driver.executeScript(
        "arguments[0].click()",
        inView(driver, By.cssSelector("input[type=radio][id$='-decision-" + option + "']")));
    if (!note.isEmpty()) {
      // Leaving the field hands its text to the form (form-js keeps typing debounced).
      inView(driver, By.cssSelector("textarea[id$='-decisionNote']"))
          .sendKeys(note, org.openqa.selenium.Keys.TAB);
    }
    var complete = inView(driver, By.cssSelector("button[ng-click='complete()']"));
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .until(ExpectedConditions.elementToBeClickable(complete));
    try {
      complete.click();
    } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
      // A long form can leave Tasklist's fixed footer over the button: clicked as the browser's.
      driver.executeScript("arguments[0].click()", complete);
    }
  }

  /** The element scrolled to the middle of the window, clear of Tasklist's fixed footer. */
  static WebElement inView(ChromeDriver driver, By by) {
    var element = visible(driver, by);
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    return element;
  }

  /** Scrolls the task's form back to its top, the case in a few lines, for a screenshot. */
  static void formFromTheTop(ChromeDriver driver) {
    driver.executeScript(
        "arguments[0].scrollIntoView({block: 'start'})",
        visible(driver, By.cssSelector(".fjs-form")));
  }

  /** The rows of a table in the task's form, each as its cells' text between spaces. */
  static List<String> rows(ChromeDriver driver, String tableId) {
    var table = inView(driver, By.cssSelector("table[id$='-" + tableId + "']"));
    return table.findElements(By.cssSelector("tbody tr")).stream()
        .map(row -> row.getText().replaceAll("\\s+", " "))
        .toList();
  }

  /** Opens the newest mail of a dev mailbox whose subject holds the words. */
  void openMail(ChromeDriver driver, String address, String words) {
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

  static WebElement visible(ChromeDriver driver, By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  // --- the desk --------------------------------------------------------------------------------

  String taskId(String caseId, String key) {
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

  boolean taskGone(String taskId) {
    return processEngine.getTaskService().createTaskQuery().taskId(taskId).count() == 0;
  }

  String caseView(String caseId) {
    return new ApiClient(port).get("/api/recovery-cases/" + caseId, "agent:agent").body();
  }

  /** A case opened through the API in English, its questionnaire answered by mail. */
  String answered(String username, String address) throws Exception {
    return answered(username, address, "en", "1. " + address);
  }

  /** A case opened through the API in the language, its questionnaire answered by mail. */
  String answered(String username, String address, String locale, String reply) throws Exception {
    var api = new ApiClient(port);
    var opened =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of(
                    "username", username,
                    "contactEmail", address,
                    "problem", "OTHER",
                    "locale", locale)));
    var caseId = json.readTree(opened.body()).get("caseId").asText();
    runDueJobs(caseId);
    var mail = mail();
    var questionnaire =
        mail.awaitMail(
            address,
            m -> {
              try {
                return m.getSubject().contains(caseId);
              } catch (MessagingException unreadable) {
                return false;
              }
            });
    mail.send(mail.reply(questionnaire, address, reply));
    await().atMost(Duration.ofSeconds(20)).until(() -> caseView(caseId).contains("REPLY_RECEIVED"));
    runDueJobs(caseId);
    return caseId;
  }

  /** Runs the case's jobs that are due, as the job executor would. */
  void runDueJobs(String caseId) {
    CaseJobs.runDue(processEngine, caseId);
  }
}
