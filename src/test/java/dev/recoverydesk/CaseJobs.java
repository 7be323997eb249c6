package dev.recoverydesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.mail.Outbox;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;

/**
 * The one way tests run jobs and move time, where the job executor is off: a case's job at the
 * activity the diagram names (an asynchronous continuation or a timer), everything due now, and the
 * outbox's due mail as each node's sweep would send it. A job's mail goes out right after its
 * commit; {@link #sendDue} sends what waits for a retry. Every instance of a case, root or called,
 * has the case id as business key, so a job is found in whichever process holds it.
 */
public final class CaseJobs {

  private CaseJobs() {}

  /** Runs the one job of the case at the activity. */
  public static void runJob(ProcessEngine engine, String caseId, String activityId) {
    var jobs = jobs(engine, caseId, activityId);
    assertThat(jobs).as("a job at " + activityId).hasSize(1);
    engine.getManagementService().executeJob(jobs.get(0));
  }

  /** The ids of the case's jobs at the activity. */
  public static List<String> jobs(ProcessEngine engine, String caseId, String activityId) {
    return jobs(engine, caseId, query -> query.activityId(activityId));
  }

  /** Every job of the case that is due now, until none is left, then the outbox's due mail. */
  public static void runDue(ProcessEngine engine, String caseId) {
    for (int round = 0; round < 20; round++) {
      var due = jobs(engine, caseId, JobQuery::executable);
      if (due.isEmpty()) {
        break;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job));
    }
    sendDue(engine);
  }

  /**
   * Every job of every case that is due now, until none is left. A job that fails counts down its
   * retries and at last becomes an incident, as under the job executor; the test that waits for its
   * outcome reports it.
   */
  public static void runAllDue(ProcessEngine engine) {
    var management = engine.getManagementService();
    for (int round = 0; round < 50; round++) {
      var due = management.createJobQuery().executable().list();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // See above: the retry count went down.
        }
      }
    }
  }

  /** Sends the outbox's due mail and texts, on the engine's own application's outbox. */
  public static void sendDue(ProcessEngine engine) {
    // The engine's artifact factory is its Spring context's: the outbox of the same application.
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getArtifactFactory()
        .getArtifact(Outbox.class)
        .dispatchDue();
  }

  /** Moves the desk's and the engine's clocks forward together, so timers fall due. */
  public static void timePasses(MutableClock clock, Duration duration) {
    clock.advance(duration);
    ClockUtil.offset(clock.offset().toMillis());
  }

  /** Puts the desk's and the engine's clocks back to real time. */
  public static void resetClocks(MutableClock clock) {
    ClockUtil.reset();
    clock.reset();
  }

  private static List<String> jobs(
      ProcessEngine engine, String caseId, UnaryOperator<JobQuery> which) {
    var management = engine.getManagementService();
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(caseId)
        .list()
        .stream()
        .flatMap(
            instance ->
                which
                    .apply(management.createJobQuery().processInstanceId(instance.getId()))
                    .list()
                    .stream())
        .map(Job::getId)
        .toList();
  }
}
