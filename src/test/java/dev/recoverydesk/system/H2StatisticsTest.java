package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/** A new H2 database with the engine's tables, before and after the measured statistics. */
class H2StatisticsTest {

  /** The engine's lookup of an execution's variables, as its mapping writes it. */
  private static final String VARIABLES_OF_EXECUTION =
      "EXPLAIN SELECT RES.* FROM ACT_RU_VARIABLE RES"
          + " LEFT JOIN ACT_RU_EXECUTION EXECUTION ON RES.EXECUTION_ID_ = EXECUTION.ID_"
          + " LEFT JOIN ACT_RU_EXECUTION PARENT_EXECUTION"
          + " ON EXECUTION.PARENT_ID_ = PARENT_EXECUTION.ID_"
          + " WHERE EXECUTION_ID_ = ? AND TASK_ID_ is null";

  private DataSource dataSource;
  private JdbcTemplate jdbc;

  @BeforeEach
  void newDatabase() throws SQLException, IOException {
    dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    try (var connection = dataSource.getConnection()) {
      for (var part :
          List.of(
              "engine",
              "history",
              "identity",
              "case.engine",
              "case.history",
              "decision.engine",
              "decision.history")) {
        ScriptUtils.executeSqlScript(
            connection,
            new ClassPathResource(
                "org/camunda/bpm/engine/db/create/activiti.h2.create." + part + ".sql"));
      }
      var migrations =
          new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql");
      Arrays.sort(
          migrations,
          Comparator.comparingInt(
              (Resource migration) ->
                  Integer.parseInt(migration.getFilename().replaceAll("^V(\\d+)__.*", "$1"))));
      for (var migration : migrations) {
        ScriptUtils.executeSqlScript(connection, migration);
      }
    }
    jdbc = new JdbcTemplate(dataSource);
  }

  @Test
  void anExecutionsVariablesAreFoundByItsIdNotByScanningEveryVariable() {
    assertThat(planOfVariablesOfExecution()).contains("ACT_IDX_VARIABLE_TASK_ID");

    assertThat(H2Statistics.seed(dataSource)).isPositive();

    assertThat(planOfVariablesOfExecution())
        .contains("ACT_FK_VAR_EXE")
        .doesNotContain("ACT_IDX_VARIABLE_TASK_ID");
    assertThat(selectivity("ACT_RU_VARIABLE", "TASK_ID_")).isEqualTo(1);
  }

  @Test
  void whatH2HasMeasuredItselfIsKept() {
    jdbc.execute("ALTER TABLE ACT_RU_VARIABLE ALTER COLUMN TASK_ID_ SELECTIVITY 7");

    H2Statistics.seed(dataSource);

    assertThat(selectivity("ACT_RU_VARIABLE", "TASK_ID_")).isEqualTo(7);
    assertThat(selectivity("ACT_RU_VARIABLE", "EXECUTION_ID_"))
        .isEqualTo(H2Statistics.measured().get("ACT_RU_VARIABLE.EXECUTION_ID_"))
        .isNotEqualTo(50);
  }

  @Test
  void aSecondStartChangesNothing() {
    H2Statistics.seed(dataSource);

    assertThat(H2Statistics.seed(dataSource)).isZero();
  }

  @Test
  void everyColumnOfTheSeedExistsInTheEnginesOrTheDesksTables() {
    var columns = H2Statistics.measured().keySet();
    assertThat(columns).contains("ACT_RU_VARIABLE.TASK_ID_", "RECOVERY_CASE.CASE_ID");
    for (var name : columns) {
      var column = name.split("\\.");
      assertThat(
              jdbc.queryForObject(
                  "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS"
                      + " WHERE TABLE_NAME = ? AND COLUMN_NAME = ?",
                  Integer.class,
                  column[0],
                  column[1]))
          .as(name)
          .isEqualTo(1);
    }
  }

  private String planOfVariablesOfExecution() {
    return jdbc.queryForObject(VARIABLES_OF_EXECUTION, String.class, "an-execution");
  }

  private int selectivity(String table, String column) {
    return jdbc.queryForObject(
        "SELECT SELECTIVITY FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_NAME = ? AND COLUMN_NAME = ?",
        Integer.class,
        table,
        column);
  }
}
