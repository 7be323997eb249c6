package dev.recoverydesk.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.ApiClient;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.TestCases;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.recovery.reset.OneTimeLinks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages a locked-out user meets, on a 360 px phone and on a desktop: each passes axe-core with
 * no serious or critical violation, says its language, has an icon, and the codes page prints
 * clean. The cancel page is checked in {@link HoldAndLanguageBrowserTest}, during a real hold.
 */
class UserPagesBrowserTest extends BrowserTest {

  @Autowired AccountDirectory accounts;
  @Autowired OneTimeLinks links;

  @Test
  void the_request_form_and_its_answer_work_on_a_phone_and_a_desktop_in_both_languages()
      throws Exception {
    var username = TestAccounts.create(accounts, "phone");
    var user = browser("en");

    user.get(url("/recovery?lang=ja"));
    assertPage(user, "ja", "request form (ja)");

    user.get(url("/recovery?lang=en"));
    assertPage(user, "en", "request form");
    Axe.width(user, Axe.PHONE);
    user.findElement(By.id("username")).sendKeys(username);
    user.findElement(By.id("contactEmail")).sendKeys(username + "@example.com");
    new Select(user.findElement(By.id("problem"))).selectByValue("LOST_PHONE");
    Chromium.documented(user, "request-form-phone");
    user.findElement(By.id("send-request")).click();
    visible(user, By.id("case-id"));
    assertPage(user, "en", "request received");

    var icon = new ApiClient(port).get("/favicon.svg", null);
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
  }

  @Test
  void the_codes_page_shows_groups_of_four_that_the_check_takes_and_prints_without_buttons()
      throws Exception {
    var username = TestAccounts.create(accounts, "codes");
    var caseId = TestCases.open(port, username, "LOST_BACKUP_CODES", Map.of("locale", "ja"));
    var token = links.create(caseId, username, OneTimeLinks.Purpose.CODES, Duration.ofDays(1));
    var user = browser("en");

    user.get(url("/recovery/codes/" + token));
    assertPage(user, "ja", "codes button");
    visible(user, By.id("show-codes")).click();
    visible(user, By.className("backup-code"));
    assertPage(user, "ja", "codes");
    var codes =
        user.findElements(By.className("backup-code")).stream().map(WebElement::getText).toList();
    assertThat(codes)
        .hasSize(5)
        .allMatch(code -> code.matches("[0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{4}"));
    Axe.width(user, Axe.PHONE);
    Chromium.documented(user, "codes-phone");

    // On paper: the codes, large enough to read, and no buttons or links to press.
    Axe.print(user, true);
    assertThat(user.findElement(By.id("print-codes")).isDisplayed()).isFalse();
    assertThat(user.findElement(By.id("download-codes")).isDisplayed()).isFalse();
    assertThat(user.findElements(By.className("backup-code")))
        .allMatch(WebElement::isDisplayed)
        .allSatisfy(code -> assertThat(code.getCssValue("font-size")).isEqualTo("21.3333px"));
    Axe.print(user, false);
    Axe.desktop(user);

    // What the page shows is what the check takes, with the spaces or without.
    var api = new ApiClient(port);
    var check = "/api/accounts/" + username + "/backup-codes/verify";
    assertThat(api.post(check, null, "{\"code\":\"" + codes.get(0) + "\"}").statusCode())
        .isEqualTo(200);
    assertThat(
            api.post(check, null, "{\"code\":\"" + codes.get(1).replace(" ", "") + "\"}")
                .statusCode())
        .isEqualTo(200);

    // The used link answers in the case's language, about codes, or in the language asked for.
    user.get(url("/recovery/codes/" + token));
    assertPage(user, "ja", "used codes link");
    assertThat(user.findElement(By.tagName("h1")).getText()).isEqualTo("このリンクは使用できません");
    assertThat(user.findElement(By.id("gone-codes")).getText()).contains("新しいコード");
    user.get(url("/recovery/codes/" + token + "?lang=en"));
    assertThat(user.findElement(By.tagName("h1")).getText()).isEqualTo("This link no longer works");
    assertThat(user.findElements(By.id("gone-cancel"))).isEmpty();
  }

  @Test
  void an_unknown_link_answers_in_the_browsers_language() {
    var user = browser("ja");
    user.get(url("/recovery/codes/no-such-token"));
    assertPage(user, "ja", "unknown link");
    assertThat(user.findElement(By.tagName("h1")).getText()).isEqualTo("このリンクは使用できません");

    // The desk's other pages ask for the same icon, never for a favicon.ico that is not there.
    for (var page : List.of("/no-such-page", "/dev/mailbox")) {
      user.get(url(page));
      assertThat(user.findElement(By.tagName("html")).getAttribute("lang")).as(page).isNotBlank();
      assertThat(user.findElements(By.cssSelector("link[rel=icon][href='/favicon.svg']")))
          .as(page)
          .hasSize(1);
    }
  }

  /** The page says its language, links its icon and passes the check at both widths. */
  private static void assertPage(ChromeDriver driver, String lang, String page) {
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang"))
        .as(page)
        .isEqualTo(lang);
    assertThat(driver.findElements(By.cssSelector("link[rel=icon][href='/favicon.svg']")))
        .as(page + " icon")
        .hasSize(1);
    Axe.assertAccessible(driver, page);
  }
}
