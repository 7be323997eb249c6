package dev.recoverydesk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark itself stays runnable: a few cases through both stacks, every one to its new codes,
 * and every figure printed. It measures nothing here; {@code mvn -B -Pbench verify} does.
 */
@Tag("own-application")
class RecoveryBenchmarkTest {

  @TempDir Path work;

  @Test
  void a_small_run_finishes_every_case_on_both_stacks_and_prints_the_figures() throws Exception {
    var printed = new ByteArrayOutputStream();
    var report =
        RecoveryBenchmark.run(
            new RecoveryBenchmark.Options(
                3, 0, 2, 2, Duration.ofSeconds(1), Duration.ofMinutes(3), work, "h2", 1),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(report.everyCaseFinished()).isTrue();
    for (var result : new RecoveryBenchmark.Result[] {report.desk(), report.baseline()}) {
      assertThat(result.resolved()).as(result.stack()).isEqualTo(3);
      assertThat(result.taskCompletions()).as(result.stack()).isEqualTo(6);
      assertThat(result.latencies()).as(result.stack()).hasSize(3);
      assertThat(result.casesPerSecond()).as(result.stack()).isPositive();
      assertThat(result.cpuMillisPerCase()).as(result.stack()).isPositive();
    }
    assertThat(report.steady().resolved()).isEqualTo(2);
    assertThat(report.steady().latencies()).hasSize(2);
    // Each user got the questionnaire, the hold notice and the link to the new codes, and answered.
    assertThat(report.desk().mailsOut()).isGreaterThanOrEqualTo(9);
    assertThat(report.desk().mailsIn()).isEqualTo(3);

    var text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("cases per second", "The desk / bare engine on H2", "answers to correlation p99")
        .contains("Database (each stack its own): H2 ")
        .contains("mails out per second", "peak heap used", "CPU per case", "Every case finished.")
        .contains("The desk at a steady 2.0 cases a second (2 cases, 2 resolved, 0 unfinished)");
    assertThat(Files.readString(work.resolve("result.txt"))).contains("cases per second");
  }

  @Test
  void the_database_and_the_nodes_are_chosen_and_a_misspelt_choice_is_refused() {
    assertThat(RecoveryBenchmark.Options.parse("--database=postgres").onPostgres()).isTrue();
    assertThat(RecoveryBenchmark.Options.parse().database()).isEqualTo("h2");
    assertThat(RecoveryBenchmark.Options.parse("--database=postgres").arguments())
        .contains("--database=postgres");
    assertThatThrownBy(() -> RecoveryBenchmark.Options.parse("--database=postgresql"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--database=h2|postgres");
    assertThat(RecoveryBenchmark.Options.parse("--database=postgres", "--nodes=2").arguments())
        .contains("--nodes=2");
    assertThatThrownBy(() -> RecoveryBenchmark.Options.parse("--nodes=2"))
        .hasMessageContaining("--nodes=N (above 1 on postgres only)");
  }

  @Test
  void the_documented_run_measures_each_stack_in_a_jvm_of_its_own() throws Exception {
    var printed = new ByteArrayOutputStream();
    var report =
        RecoveryBenchmark.inJvmsOfTheirOwn(
            new RecoveryBenchmark.Options(
                2, 0, 0, 1, Duration.ofSeconds(1), Duration.ofMinutes(3), work, "h2", 1),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(report).as(printed.toString(StandardCharsets.UTF_8)).isPresent();
    assertThat(report.get().everyCaseFinished()).isTrue();
    assertThat(report.get().desk().resolved()).isEqualTo(2);
    assertThat(report.get().baseline().resolved()).isEqualTo(2);
    var json = new ObjectMapper();
    long desk = json.readTree(work.resolve("desk.json").toFile()).get("pid").asLong();
    long baseline = json.readTree(work.resolve("baseline.json").toFile()).get("pid").asLong();
    assertThat(desk).isNotZero().isNotEqualTo(baseline).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(baseline).isNotZero().isNotEqualTo(ProcessHandle.current().pid());
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("The desk / bare engine", "Every case finished.");
  }
}
