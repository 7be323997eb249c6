package dev.recoverydesk.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault run as the one test of {@code mvn -B -Pfaults verify}, outside the normal suites: it
 * prints its report as it goes and fails unless no case was lost, stuck or mailed twice.
 */
@Tag("faults")
class FaultRunTest {

  @Test
  void faults_are_survived_and_nothing_is_lost() throws Exception {
    var unreachable = PostgresServer.whyUnreachable();
    assertThat(unreachable).as("the fault run needs PostgreSQL").isEmpty();
    try (var run = new FaultRun(FaultRun.Options.fromSystemProperties())) {
      assertThat(run.run()).as("the fault run's report (above)").isTrue();
    }
  }
}
