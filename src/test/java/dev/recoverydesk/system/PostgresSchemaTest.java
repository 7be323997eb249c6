package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.OnPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The desk on PostgreSQL as production runs it: the database settings of the production profile,
 * every Flyway migration of the shared and the PostgreSQL folder applied, and Camunda's own schema
 * created by the engine at its version.
 */
@OnPostgres
class PostgresSchemaTest extends IntegrationTest {

  @Autowired HikariDataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired CamundaBpmProperties camunda;

  @Test
  void the_desk_runs_on_postgresql_with_the_production_profile_s_database_settings()
      throws SQLException {
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
      assertThat(connection.getTransactionIsolation())
          .isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
    }
    assertThat(dataSource.getTransactionIsolation()).isEqualTo("TRANSACTION_READ_COMMITTED");
    assertThat(dataSource.getMaximumPoolSize()).isEqualTo(20);
    assertThat(dataSource.getConnectionTimeout()).isEqualTo(10_000);

    var engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(engine.getDatabaseType()).isEqualTo("postgres");
    assertThat(engine.isJdbcBatchProcessing()).isTrue();
    // The shared test context runs jobs by hand: the job executor's settings as the nodes read
    // them.
    assertThat(camunda.getJobExecution().getLockTimeInMillis()).isEqualTo(60_000);
    assertThat(camunda.getJobExecution().getMaxJobsPerAcquisition()).isEqualTo(3);
    assertThat(processEngine.getName()).isEqualTo(ProcessEngines.NAME_DEFAULT);
  }

  @Test
  void every_migration_of_the_shared_and_the_postgresql_folder_is_applied() throws IOException {
    var expected =
        Stream.of("db/migration", "db/vendor/postgresql")
            .flatMap(PostgresSchemaTest::scripts)
            .sorted()
            .toList();
    var applied =
        jdbc.queryForList(
            "select script from flyway_schema_history where success and version is not null"
                + " and type = 'SQL' order by script",
            String.class);
    assertThat(applied).isEqualTo(expected);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from flyway_schema_history where not success", Integer.class))
        .isZero();
    // The audit log's guard is PostgreSQL's own trigger, not the H2 folder's Java one.
    assertThat(
            jdbc.queryForList(
                "select tgname from pg_trigger where tgrelid = 'audit_event'::regclass"
                    + " and not tgisinternal order by tgname",
                String.class))
        .containsExactly("audit_event_append_only", "audit_event_no_truncate");
  }

  @Test
  void the_engine_created_its_own_schema_at_its_version() {
    assertThat(jdbc.queryForList("select version_ from act_ge_schema_log", String.class))
        .containsExactly(ProductPropertiesUtil.getProductVersion());
    assertThat(
            jdbc.queryForObject(
                "select count(*) from information_schema.tables"
                    + " where table_schema = current_schema() and table_name like 'act\\_%'",
                Integer.class))
        .isGreaterThan(40);
  }

  private static Stream<String> scripts(String folder) {
    try {
      return Arrays.stream(
              new PathMatchingResourcePatternResolver()
                  .getResources("classpath:" + folder + "/V*.sql"))
          .map(Resource::getFilename);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
