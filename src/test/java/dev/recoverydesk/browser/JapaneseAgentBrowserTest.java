package dev.recoverydesk.browser;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Agents whose browser asks for Japanese: Tasklist, its queues and the review forms in Japanese,
 * the case's language as a queue of its own, no vendor notice, and every row of the evidence in
 * view.
 */
class JapaneseAgentBrowserTest extends BrowserTest {

  @Autowired AccountDirectory accounts;

  @Test
  void a_japanese_agent_reviews_a_japanese_case_in_japanese() throws Exception {
    var username = TestAccounts.create(accounts, "tanaka");
    var address = username + "@example.com";
    var caseId = answered(username, address, "ja", "１．" + address + "\n３．2019年4月ごろ");

    // Tasklist's own words in Japanese, from the login page on.
    var agent = browser("ja");
    agent.get(url("/camunda/app/tasklist/"));
    assertThat(visible(agent, By.cssSelector("button[type=submit]")).getText()).isEqualTo("ログイン");
    assertThat(
            agent
                .findElement(By.cssSelector("input[ng-model=username]"))
                .getAttribute("placeholder"))
        .isEqualTo("ユーザー名");
    signIn(agent, "agent");
    // Tasklist opens on the review queue, not on the agent's own (empty) tasks.
    assertThat(currentQueue(agent)).startsWith("My review queue");
    assertThat(agent.findElements(By.cssSelector(".task-filter h4")))
        .extracting(WebElement::getText)
        .contains("日本語の案件", "English cases");
    noVendorNotice(agent);

    // The case waits in the Japanese queue, not in the English one.
    var review = taskId(caseId, "review-identity");
    visible(agent, By.partialLinkText("English cases")).click();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> currentQueue(agent).startsWith("English cases"));
    assertThat(agent.findElements(By.cssSelector("a[href*='task=" + review + "']"))).isEmpty();
    // Away from the queue's name, whose description shows over its neighbours while pointed at.
    new Actions(agent)
        .moveToElement(agent.findElement(By.cssSelector("[cam-widget-header]")))
        .perform();
    new WebDriverWait(agent, Duration.ofSeconds(10))
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".tooltip")));
    openTask(agent, "日本語の案件", review);
    // The task's entry in Japanese too: task and process names, due date, time created.
    assertThat(taskCard(agent, review, entry -> entry.contains("本人確認の審査") && entry.contains("前")))
        .contains("期限", "作成日時")
        .doesNotContain("Review identity evidence", "Identity verification", " ago", "in a ");

    // The review form in Japanese: the desk's labels, the fixed words of each row.
    assertThat(visible(agent, By.cssSelector("dl.case-summary")).getText())
        .contains("ケース", caseId, "スコア", "推奨", "二次承認");
    var evidence = inView(agent, By.cssSelector("table[id$='-evidence-table']"));
    assertThat(evidence.findElement(By.tagName("thead")).getText())
        .contains("質問", "ユーザーの回答", "登録情報（マスク済み）", "点数", "理由");
    var rows = rows(agent, "evidence-table");
    assertThat(rows).hasSize(7);
    assertThat(rows.get(0)).contains("メールアドレス", address, "登録メールアドレス");
    assertThat(rows.get(2)).contains("アカウント作成時期", "2019年4月ごろ");
    assertThat(rows.get(6)).contains("合計", "/ 100");
    allInView(agent, evidence);
    assertThat(String.join("\n", rows(agent, "proofs-table"))).contains("証拠", "あり", "なし");
    // The timeline says what happened in words, not as the desk's codes.
    assertThat(String.join("\n", rows(agent, "timeline-table")))
        .contains("依頼を受付", "返信を受信", "回答を採点")
        .doesNotContain("REPLY_RECEIVED", "CASE_OPENED");
    assertThat(agent.findElement(By.cssSelector(".fjs-form")).getText())
        .contains("判断", "承認：保留期間のあと2要素認証をリセットする", "ユーザーに追加情報を依頼する", "ケースのメモ");
    // Tasklist's buttons in Japanese too.
    assertThat(agent.findElement(By.cssSelector("button[ng-click='complete()']")).getText())
        .isEqualTo("完了");
    // Nothing the desk computed is a field to type in.
    assertThat(agent.findElements(By.cssSelector(".fjs-form input[type=number]"))).isEmpty();
    assertThat(agent.findElements(By.cssSelector(".fjs-form input[type=text]"))).isEmpty();
    formFromTheTop(agent);
    Chromium.documented(agent, "tasklist-review-ja");
    decide(agent, 0, "回答がアカウントと一致");
    await().atMost(Duration.ofSeconds(20)).until(() -> taskGone(review));
    // The reader's language was for the page only: the completion did not store it.
    assertThat(
            processEngine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .variableName("agentLanguage")
                .count())
        .isZero();

    // A Japanese supervisor reads who reviewed, their decision and note, in Japanese.
    var supervisor = browser("ja");
    supervisor.get(url("/camunda/app/tasklist/"));
    signIn(supervisor, "supervisor");
    var approval = taskId(caseId, "approve-reset");
    openTask(supervisor, "Needs my approval", approval);
    assertThat(inView(supervisor, By.cssSelector("table[id$='-review-table'] thead")).getText())
        .contains("審査した人", "判断", "審査者のメモ");
    assertThat(rows(supervisor, "review-table"))
        .singleElement(as(STRING))
        .contains("agent", "承認", "回答がアカウントと一致");
    assertThat(visible(supervisor, By.cssSelector("dl.case-summary")).getText())
        .contains("二次承認が必要な理由", "独立した証拠が2つ未満");
    formFromTheTop(supervisor);
    Chromium.documented(supervisor, "tasklist-approval-ja");
  }

  @Test
  void an_english_agent_sees_the_same_review_in_english() throws Exception {
    var username = TestAccounts.create(accounts, "smith");
    var address = username + "@example.com";
    var caseId = answered(username, address);

    var agent = tasklist("agent");
    assertThat(currentQueue(agent)).startsWith("My review queue");
    noVendorNotice(agent);
    var review = taskId(caseId, "review-identity");
    openTask(agent, "English cases", review);
    assertThat(taskCard(agent, review, entry -> entry.contains(" ago")))
        .contains("Review identity evidence", "Identity verification");
    var evidence = inView(agent, By.cssSelector("table[id$='-evidence-table']"));
    assertThat(evidence.findElement(By.tagName("thead")).getText())
        .contains("Question", "What the user wrote", "On file (masked)", "Points", "Why");
    assertThat(rows(agent, "evidence-table").get(0)).contains("Email address");
    assertThat(String.join("\n", rows(agent, "timeline-table")))
        .contains("Request received", "Reply received", "Answers scored")
        .doesNotContain("REPLY_RECEIVED", "CASE_OPENED");
    allInView(agent, evidence);
    assertThat(agent.findElement(By.cssSelector(".fjs-form")).getText())
        .contains("Your decision", "Approve: reset two-factor authentication after the hold")
        .doesNotContain("判断");
  }

  /**
   * The task's entry in Tasklist's list of tasks once it has settled: Tasklist redraws its list as
   * it refreshes, so the entry is read again until it is as expected or the time is up.
   */
  private static String taskCard(ChromeDriver driver, String taskId, Predicate<String> settled) {
    var entry =
        By.xpath("//li[contains(@class, 'task')][.//a[contains(@href, 'task=" + taskId + "')]]");
    return await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
        .until(() -> driver.findElement(entry).getText(), settled);
  }

  /** The name of the queue Tasklist shows, as its list of queues marks it. */
  private static String currentQueue(ChromeDriver driver) {
    return visible(driver, By.cssSelector(".task-filter.active h4")).getText();
  }

  /** Camunda's end-of-life notice is in the page for operators' eyes only: agents never see it. */
  private static void noVendorNotice(ChromeDriver driver) {
    assertThat(driver.findElements(By.cssSelector(".ce-eol-banner")))
        .as("Tasklist still renders the notice, and the desk's style hides it")
        .isNotEmpty()
        .noneMatch(WebElement::isDisplayed);
    assertThat(driver.findElement(By.tagName("body")).getText())
        .doesNotContain("Camunda 8", "Camunda 7 CE");
  }

  /**
   * No box inside the form scrolls and the table is no wider than the form: every row and column of
   * the table is in the page, none hidden.
   */
  private static void allInView(ChromeDriver driver, WebElement table) {
    Object scrolling =
        driver.executeScript(
            "const found = [];"
                + "for (let e = arguments[0]; e && !e.classList.contains('fjs-form'); e = e.parentElement) {"
                + "  const style = getComputedStyle(e);"
                + "  if (e.scrollHeight > e.clientHeight + 1 && style.overflowY !== 'visible') found.push(e.className);"
                + "}"
                + "const form = arguments[0].closest('.fjs-form').getBoundingClientRect();"
                + "if (arguments[0].getBoundingClientRect().right > form.right + 1) found.push('wider than the form');"
                + "return found.join(', ');",
            table);
    assertThat(scrolling).as("boxes that scroll inside the form").isEqualTo("");
  }
}
