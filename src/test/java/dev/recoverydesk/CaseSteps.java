package dev.recoverydesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A case's process instances as the diagrams name them: where the case waits, and its due jobs run
 * one at a time, by the activity they belong to. Every instance of a case has its id as business
 * key, so a step finds the job in whichever called process holds it.
 */
public final class CaseSteps {

  private final ProcessEngine engine;

  public CaseSteps(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The case's root instance, {@code account-recovery}. */
  public ProcessInstance root(String caseId) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("account-recovery")
        .processInstanceBusinessKey(caseId)
        .singleResult();
  }

  /** One query, so that a called process ending meanwhile cannot make it fail. */
  public boolean waitsAt(String caseId, String activityId) {
    return engine
            .getRuntimeService()
            .createExecutionQuery()
            .processInstanceBusinessKey(caseId)
            .activityId(activityId)
            .count()
        > 0;
  }

  public void assertWaitingAt(String caseId, String activityId) {
    assertThat(waitsAt(caseId, activityId)).as(caseId + " waiting at " + activityId).isTrue();
  }

  /** Runs the one job of the case at the activity (asynchronous continuation or timer). */
  public void runJob(String caseId, String activityId) {
    var jobs = jobs(caseId, activityId);
    assertThat(jobs).as("a job at " + activityId).hasSize(1);
    engine.getManagementService().executeJob(jobs.get(0));
  }

  /** The ids of the case's jobs at the activity. */
  public List<String> jobs(String caseId, String activityId) {
    return jobs(caseId, query -> query.activityId(activityId));
  }

  /** Every job of the case's processes that is due now, until none is left. */
  public void runDue(String caseId) {
    for (int round = 0; round < 20; round++) {
      var due = jobs(caseId, JobQuery::executable);
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> engine.getManagementService().executeJob(job));
    }
  }

  private List<String> jobs(String caseId, UnaryOperator<JobQuery> which) {
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(caseId)
        .list()
        .stream()
        .flatMap(
            instance ->
                which
                    .apply(
                        engine
                            .getManagementService()
                            .createJobQuery()
                            .processInstanceId(instance.getId()))
                    .list()
                    .stream())
        .map(job -> job.getId())
        .toList();
  }

  /** The id of the case's open task with this key. */
  public String task(String caseId, String taskKey) {
    var task =
        engine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(caseId)
            .taskDefinitionKey(taskKey)
            .singleResult();
    assertThat(task).as(caseId + " has an open " + taskKey).isNotNull();
    return task.getId();
  }
}
