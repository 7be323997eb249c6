package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoverydesk.IntegrationTest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delegates write the desk's own rows (case events, audit, mail records) with plain JDBC. Those
 * rows must live and die with the engine's transaction: a job that fails and is retried must not
 * leave a case event or an audit entry behind for work that never happened.
 */
class EngineTransactionTest extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void rowsWrittenInsideAnEngineCommandRollBackWithIt() {
    Command<Void> failingDelegate =
        context -> {
          jdbc.update(
              "insert into sms_outbox(phone, body, sent_at) values ('+81000', ?, current_timestamp)",
              "rolled back with the job");
          throw new IllegalStateException("the job fails after writing");
        };

    assertThatThrownBy(() -> engineCommands().execute(failingDelegate))
        .hasMessage("the job fails after writing");

    assertThat(countOf("rolled back with the job")).isZero();
  }

  @Test
  void rowsWrittenInsideAnEngineCommandCommitWithIt() {
    Command<Void> delegate =
        context -> {
          jdbc.update(
              "insert into sms_outbox(phone, body, sent_at) values ('+81000', ?, current_timestamp)",
              "committed with the job");
          return null;
        };

    engineCommands().execute(delegate);

    assertThat(countOf("committed with the job")).isEqualTo(1);
  }

  private CommandExecutor engineCommands() {
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired();
  }

  private int countOf(String body) {
    return jdbc.queryForObject(
        "select count(*) from sms_outbox where body = ?", Integer.class, body);
  }
}
