package dev.recoverydesk.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The accessibility check: axe-core, pinned in {@code src/test/axe} and installed by the build into
 * {@code target/axe}, injected into the page and run at a phone's width and a desktop's. Only
 * serious and critical violations fail a page. Without axe-core the check is skipped with a notice,
 * unless {@code RECOVERY_DESK_BROWSER_TESTS=required} makes that a failure.
 */
final class Axe {

  static final int PHONE = 360;
  static final int DESKTOP = 1280;
  private static final Path SCRIPT =
      Path.of("target", "axe", "node_modules", "axe-core", "axe.min.js");
  private static final String RUN =
      """
      const done = arguments[arguments.length - 1];
      axe.run(document, {resultTypes: ['violations']}).then(
          results => done(results.violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                  + v.nodes.map(n => n.target.join(' ')).join(', '))),
          error => done(['axe-core failed: ' + error]));
      """;

  private Axe() {}

  /** The page passes at 360 px and at 1280 px, and fits each width without scrolling sideways. */
  static void assertAccessible(ChromeDriver driver, String page) {
    var script = script();
    for (int width : List.of(PHONE, DESKTOP)) {
      width(driver, width);
      driver.executeScript(script);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      var violations = driver.executeAsyncScript(RUN);
      assertThat((List<?>) violations).as(page + " at " + width + " px").isEmpty();
      var overflow =
          driver.executeScript(
              "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as(page + " wider than " + width + " px").isZero();
    }
    desktop(driver);
  }

  /** Shows the page as a phone of that width would (its viewport meta tag counts). */
  static void width(ChromeDriver driver, int width) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  static void desktop(ChromeDriver driver) {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Lays the page out for paper ({@code true}) or for the screen. */
  static void print(ChromeDriver driver, boolean print) {
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", print ? "print" : ""));
  }

  private static String script() {
    if (!Files.isReadable(SCRIPT)) {
      var notice =
          "The accessibility check needs axe-core in "
              + SCRIPT
              + ": the build installs it with npm from src/test/axe (npm ci)";
      if ("required".equals(System.getenv("RECOVERY_DESK_BROWSER_TESTS"))) {
        throw new IllegalStateException(notice);
      }
      Assumptions.abort(notice);
    }
    try {
      return Files.readString(SCRIPT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
