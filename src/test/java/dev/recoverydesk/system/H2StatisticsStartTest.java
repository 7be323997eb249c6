package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The desk seeds its new H2 database's column statistics on its own when it starts. */
class H2StatisticsStartTest extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void aNewDatabaseNoLongerHasH2sDefaultSelectivityWhereTheEngineLooksUpVariables() {
    for (var column : new String[] {"TASK_ID_", "NAME_", "EXECUTION_ID_"}) {
      assertThat(
              jdbc.queryForObject(
                  "SELECT SELECTIVITY FROM INFORMATION_SCHEMA.COLUMNS"
                      + " WHERE TABLE_NAME = 'ACT_RU_VARIABLE' AND COLUMN_NAME = ?",
                  Integer.class,
                  column))
          .as(column)
          .isNotEqualTo(50);
    }
  }
}
