package dev.recoverydesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A case's process instances as the diagrams name them: its root, where it waits and its open
 * tasks. Every instance of a case has its id as business key, so a question finds the answer in
 * whichever called process holds it. Jobs run through {@link CaseJobs}.
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
