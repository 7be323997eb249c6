package dev.recoverydesk.recovery.cases;

import dev.recoverydesk.recovery.CaseCounts;
import dev.recoverydesk.recovery.CaseStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Open cases by status (an index on the status column) and mail waiting for an agent. */
@Component
class OpenWork implements CaseCounts {

  private static final String TRIAGE_TASK = "triage-mail";

  private static final String OPEN_STATUSES =
      String.join(
          ", ",
          Arrays.stream(CaseStatus.values())
              .filter(status -> !status.closed())
              .map(status -> "'" + status.name() + "'")
              .toList());

  private final JdbcTemplate jdbc;
  private final TaskService tasks;

  OpenWork(JdbcTemplate jdbc, TaskService tasks) {
    this.jdbc = jdbc;
    this.tasks = tasks;
  }

  @Override
  public Map<CaseStatus, Long> openByStatus() {
    var counts = new EnumMap<CaseStatus, Long>(CaseStatus.class);
    jdbc.query(
        "select status, count(*) as cases from recovery_case where status in ("
            + OPEN_STATUSES
            + ") group by status",
        row -> {
          counts.put(CaseStatus.valueOf(row.getString("status")), row.getLong("cases"));
        });
    return counts;
  }

  @Override
  public long mailInTriage() {
    return tasks.createTaskQuery().taskDefinitionKey(TRIAGE_TASK).count();
  }
}
