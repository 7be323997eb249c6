package dev.recoverydesk.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.ApiClient;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditEntry;
import dev.recoverydesk.audit.AuditLog;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole story in Chromium, as the people in it see it: the user fills in the form, reads and
 * answers the questionnaire in the dev mailbox; the agent and the supervisor decide in Tasklist;
 * after the hold the user opens the link and sees the codes, once. The desk's jobs run as they fall
 * due; the hold passes by moving the clocks.
 */
class RecoveryStoryBrowserTest extends BrowserTest {

  @Autowired AccountDirectory accounts;
  @Autowired AuditLog audit;

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
    // The audit log names each decider, signed in to Tasklist rather than to the desk's APIs.
    assertThat(audit.about("case:" + caseId, 50))
        .filteredOn(
            entry -> entry.action().endsWith("_REVIEWED") || entry.action().endsWith("_APPROVAL"))
        .extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactlyInAnyOrder(
            tuple("IDENTITY_REVIEWED", "agent"), tuple("RESET_SECOND_APPROVAL", "supervisor"));

    // The hold passes; the link to the new codes arrives.
    var hold = Duration.ofDays(3).plusMinutes(1);
    timePasses(hold);
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
    visible(user, By.className("backup-code"));
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
}
