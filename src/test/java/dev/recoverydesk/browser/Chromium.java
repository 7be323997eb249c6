package dev.recoverydesk.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through its own chromedriver: nothing is downloaded at test time. On a
 * machine without them the browser tests are skipped with a notice, unless {@code
 * RECOVERY_DESK_BROWSER_TESTS=required} (set by {@code .ci/run}) makes that a failure.
 */
final class Chromium {

  static final String INSTALL = "apt-get install -y chromium chromium-driver";
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final List<Path> BINARIES =
      List.of(Path.of("/usr/lib/chromium/chromium"), Path.of("/usr/bin/chromium"));
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path DOCS = Path.of("docs", "images");

  private Chromium() {}

  /** A fresh headless browser with an empty profile, or the test is skipped (or fails in CI). */
  static ChromeDriver start(String language) {
    var binary = BINARIES.stream().filter(Files::isExecutable).findFirst();
    boolean present = binary.isPresent() && Files.isExecutable(DRIVER);
    if (!present) {
      var notice = "Browser tests need Chromium and chromedriver: " + INSTALL;
      if ("required".equals(System.getenv("RECOVERY_DESK_BROWSER_TESTS"))) {
        throw new IllegalStateException(notice);
      }
      Assumptions.abort(notice);
    }
    try {
      var profile = Files.createTempDirectory("recovery-desk-chromium");
      var options = new ChromeOptions();
      options.setBinary(binary.get().toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-quic",
          "--no-first-run",
          "--window-size=1280,1300",
          "--lang=" + language,
          "--user-data-dir=" + profile);
      // What the browser asks pages for in Accept-Language; --lang alone does not set it headless.
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
      var service =
          new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
      var driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return driver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves what the browser shows under {@code target/screenshots/<name>.png}. */
  static void screenshot(ChromeDriver driver, String name) {
    save(driver, SCREENSHOTS, name);
  }

  /**
   * A screenshot the README shows: saved like the others, and with {@code -Ddocs.screenshots} under
   * {@code docs/images/<name>.png} too, to be committed.
   */
  static void documented(ChromeDriver driver, String name) {
    screenshot(driver, name);
    if (System.getProperty("docs.screenshots") != null) {
      save(driver, DOCS, name);
    }
  }

  private static void save(ChromeDriver driver, Path directory, String name) {
    try {
      Files.createDirectories(directory);
      Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
