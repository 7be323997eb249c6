package dev.recoverydesk.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.twofactor.BackupCodes;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Replays every scenario under {@code src/test/resources/scenarios/}, each as its own test, against
 * the whole desk: embedded mail server, mail poller, templates, parser, scorer and engine. Runs in
 * a JVM of its own (tag {@code scenarios}), where the catalogue must cover every flow node and
 * sequence flow of every model; the coverage report lands in {@code target/process-test-coverage/}.
 *
 * <p>The desk trusts {@code mx.recovery.local}, standing for its own mail server: scenarios whose
 * mail that server vouches for carry its {@code Authentication-Results} header, as the server would
 * add it.
 */
@Tag("scenarios")
@Import(ScenarioReplayTest.FullCoverage.class)
@TestPropertySource(properties = "recovery.mail.trusted-authserv-ids=mx.recovery.local")
class ScenarioReplayTest extends IntegrationTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class FullCoverage {
    @Bean
    ProcessEngineCoverageProperties scenarioCoverage() {
      return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0).build();
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired AccountDirectory accounts;
  @Autowired DeviceIds deviceIds;
  @Autowired BackupCodes backupCodes;
  @Autowired MutableClock clock;
  @Autowired ObjectMapper json;

  @TestFactory
  Stream<DynamicTest> every_scenario() throws IOException {
    var desk =
        new ScenarioRun.Desk(
            port, mail(), processEngine, jdbc, accounts, deviceIds, backupCodes, clock, json);
    var files =
        new PathMatchingResourcePatternResolver().getResources("classpath:scenarios/*.yaml");
    var scenarios =
        Arrays.stream(files)
            .sorted(Comparator.comparing(Resource::getFilename))
            .map(
                file ->
                    DynamicTest.dynamicTest(
                        file.getFilename(),
                        () -> {
                          Scenario scenario;
                          try (var in = file.getInputStream()) {
                            scenario = Scenario.read(file.getFilename(), in);
                          }
                          new ScenarioRun(scenario, desk).play();
                        }));
    return Stream.concat(
        scenarios, Stream.of(DynamicTest.dynamicTest("every model ran", this::everyModelRan)));
  }

  /** The coverage bar counts only the models that ran: a model no scenario starts fails here. */
  private void everyModelRan() {
    var history = processEngine.getHistoryService();
    var neverRan =
        processEngine
            .getRepositoryService()
            .createProcessDefinitionQuery()
            .latestVersion()
            .list()
            .stream()
            .map(definition -> definition.getKey())
            .filter(
                key ->
                    history.createHistoricProcessInstanceQuery().processDefinitionKey(key).count()
                        == 0)
            .toList();
    assertThat(neverRan).as("models no scenario starts").isEmpty();
  }
}
