package dev.recoverydesk.mail.outbound;

import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A message the outbox cannot deliver shows in Cockpit as an incident of type {@value #TYPE} on its
 * case, at the activity where the case waits now (in the process that recorded it, else the case's
 * root process), so that an operator sees which cases wait on the mail server and where; it is
 * resolved when the message goes out. The incident's configuration is the outbox row's id.
 */
@Component
class OutboxIncidents {

  static final String TYPE = "mailDelivery";

  private static final Logger log = LoggerFactory.getLogger(OutboxIncidents.class);

  private final RuntimeService runtime;

  OutboxIncidents(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** The incident's id, or empty when the message belongs to no running process. */
  Optional<String> open(OutboxRows.Row row, String error) {
    var instance = instance(row.message());
    if (instance.isEmpty()) {
      return Optional.empty();
    }
    var message =
        (row.message().mail() ? "Mail '" + row.message().template() + "'" : "Text")
            + " not delivered after "
            + row.attempts()
            + " attempts ("
            + error
            + "); retried until the server takes it. Check the "
            + (row.message().mail() ? "SMTP server" : "SMS provider")
            + ".";
    var execution = waiting(instance.get().getId());
    if (execution.isEmpty()) {
      return Optional.empty();
    }
    Incident incident =
        runtime.createIncident(TYPE, execution.get(), Long.toString(row.id()), message);
    return Optional.of(incident.getId());
  }

  void resolve(String incidentId) {
    try {
      runtime.resolveIncident(incidentId);
    } catch (ProcessEngineException gone) {
      // Its process ended meanwhile, and took its incidents with it.
      log.debug("Incident {} already gone", incidentId);
    }
  }

  /**
   * An execution in the activity where the case waits now: an incident needs one in an activity,
   * and shows there in Cockpit's diagram.
   */
  private Optional<String> waiting(String processInstanceId) {
    var tree = runtime.getActivityInstance(processInstanceId);
    if (tree == null) {
      return Optional.empty();
    }
    ActivityInstance leaf = tree;
    while (leaf.getChildActivityInstances().length > 0) {
      leaf = leaf.getChildActivityInstances()[0];
    }
    return leaf.getExecutionIds().length == 0 || leaf == tree
        ? Optional.empty()
        : Optional.of(leaf.getExecutionIds()[0]);
  }

  private Optional<ProcessInstance> instance(OutboxRows.Recorded row) {
    if (row.processInstanceId() != null) {
      var recording =
          runtime
              .createProcessInstanceQuery()
              .processInstanceId(row.processInstanceId())
              .active()
              .list();
      if (!recording.isEmpty()) {
        return Optional.of(recording.get(0));
      }
    }
    if (row.caseId() == null) {
      return Optional.empty();
    }
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(row.caseId())
        .processDefinitionKey("account-recovery")
        .active()
        .list()
        .stream()
        .findFirst();
  }
}
