package dev.recoverydesk.browser;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
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
    assertThat(visible(agent, By.cssSelector("dl.case-summary")).getText()).contains(caseId);
    // The evidence as a table: one row per question, every row in view, then the total.
    var evidence = rows(agent, "evidence-table");
    assertThat(evidence).hasSize(7);
    assertThat(evidence.get(0)).contains("Email address", address, "@example.com", "25 / 25");
    assertThat(evidence.get(6)).contains("Total", "/ 100");
    assertThat(String.join("\n", rows(agent, "proofs-table")))
        .contains("Controls the registered address (replied to our signed address) present");
    assertThat(String.join("\n", rows(agent, "mail-table"))).contains("I think 2019");
    // Nothing the desk computed is a field an agent could type into (or Tasklist keep as a draft).
    assertThat(agent.findElements(By.cssSelector(".fjs-form input[type=number]"))).isEmpty();
    assertThat(agent.findElements(By.cssSelector(".fjs-form input[type=text]"))).isEmpty();
    formFromTheTop(agent);
    Chromium.documented(agent, "tasklist-review");
    decide(agent, 0, "answers match the account");
    await().atMost(Duration.ofSeconds(20)).until(() -> taskGone(review));

    // One proof only: a supervisor gives the second approval.
    var supervisor = tasklist("supervisor");
    var approval = taskId(caseId, "approve-reset");
    openTask(supervisor, "Needs my approval", approval);
    // Who reviewed, what they decided and wrote, and why a supervisor must look too.
    assertThat(rows(supervisor, "review-table"))
        .singleElement(as(STRING))
        .contains("agent", "APPROVE", "answers match the account");
    assertThat(visible(supervisor, By.cssSelector("dl.case-summary")).getText())
        .contains("Why a second approval", "fewer than two independent proofs (1)");
    formFromTheTop(supervisor);
    Chromium.documented(supervisor, "tasklist-approval");
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
