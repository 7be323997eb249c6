package dev.recoverydesk.mail.outbound;

import java.util.Optional;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * The process step that is sending, when a message is recorded from a delegate: its activity
 * instance makes the message's key (a step run again after a rollback records it anew, a step that
 * committed has it once), and its process instance carries the incident should it not go out.
 */
record EngineStep(String processInstanceId, String activityInstanceId, String businessKey) {

  static Optional<EngineStep> current() {
    var context = Context.getBpmnExecutionContext();
    if (context == null || context.getExecution() == null) {
      return Optional.empty();
    }
    var execution = context.getExecution();
    return Optional.of(
        new EngineStep(
            execution.getProcessInstanceId(),
            execution.getActivityInstanceId(),
            execution.getProcessBusinessKey()));
  }
}
