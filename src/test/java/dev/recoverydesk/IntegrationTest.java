package dev.recoverydesk;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/**
 * The one Spring context that integration tests share: the real application on embedded defaults
 * (demo profile, GreenMail, H2 file database), on free ports and in a fresh data directory. Jobs
 * run only when a test executes them, so each test walks the diagram step by step.
 *
 * <p>The engine keeps the name {@code default}: Tasklist and the engine REST API look it up by that
 * name. Tests that start an application of their own give its engine a unique name.
 *
 * <p>Extend it without adding configuration, or the context is built again.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.job-execution.enabled=false",
      "recovery.mail.poll-interval=PT1S",
      "recovery.mail.max-size=1MB"
    })
@Import({ProcessEngineCoverageConfiguration.class, IntegrationTest.TestClock.class})
public abstract class IntegrationTest {

  // Chosen once: a supplier given to the registry would be asked again on every lookup.
  protected static final int SMTP_PORT = TestSocketUtils.findAvailableTcpPort();
  protected static final int IMAP_PORT = TestSocketUtils.findAvailableTcpPort();
  protected static final Path DATA_DIR = tempDir();

  @Autowired protected ProcessEngine processEngine;

  /** The desk's clock, movable by tests; every test that moves it resets it. */
  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    MutableClock mutableClock() {
      return new MutableClock();
    }
  }

  @DynamicPropertySource
  static void mailAndData(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("recovery.mail.imap.port", () -> IMAP_PORT);
    registry.add("recovery.data-dir", DATA_DIR::toString);
  }

  @BeforeEach
  void bindAssertionsToThisEngine() {
    init(processEngine);
  }

  protected static MailClient mail() {
    return new MailClient("127.0.0.1", SMTP_PORT, IMAP_PORT);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("recovery-desk-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
