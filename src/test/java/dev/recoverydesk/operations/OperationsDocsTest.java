package dev.recoverydesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The reading of PromQL that checks the dashboard and the alert rules against the served names. */
class OperationsDocsTest {

  @Test
  void metric_names_are_read_from_promql_and_functions_labels_and_keywords_are_not() {
    assertThat(
            OperationsDocs.metricsIn(
                "histogram_quantile(0.9, sum by (le) (rate(recovery_case_duration_seconds_bucket"
                    + "{application=\"$application\"}[1d])))"))
        .containsExactly("recovery_case_duration_seconds_bucket");
    assertThat(
            OperationsDocs.metricsIn(
                "sum(increase(a_total{result!=\"accepted\"}[10m])) > 20 and sum(rate(a_total[10m]))"
                    + " > 3 * sum(rate(b_total[1d] offset 1d))"))
        .containsExactly("a_total", "b_total");
    assertThat(
            OperationsDocs.metricsIn("time() - max by (application) (last_read_seconds) > 10 * 60"))
        .containsExactly("last_read_seconds");
  }
}
