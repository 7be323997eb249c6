package dev.recoverydesk.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts in the audit log what a signed-in person does to a case's process instances besides working
 * its tasks: modifying or deleting an instance, setting or removing its variables, starting,
 * suspending or migrating one, correlating a message, signalling an execution, changing a task's
 * assignee or candidates. Only {@code camunda-admin} may steer instances (the authorizations refuse
 * everyone else); this makes each such step answerable, whichever door it came through (engine
 * REST, Cockpit, Tasklist).
 *
 * <p>The engine's own operation log names most of these steps; what it leaves out (messages and
 * signals) is taken from the command itself. The desk's own work runs with no one signed in and is
 * audited where it happens.
 */
@Component
class EngineOperationsAudit extends AbstractProcessEnginePlugin {

  /** Entity types whose every logged operation is a step outside a task's own work. */
  private static final Set<String> STEERED =
      Set.of(
          EntityTypes.PROCESS_INSTANCE,
          EntityTypes.VARIABLE,
          EntityTypes.PROCESS_DEFINITION,
          EntityTypes.JOB,
          EntityTypes.JOB_DEFINITION,
          EntityTypes.BATCH,
          EntityTypes.INCIDENT);

  /** Task operations that change who works a task. */
  private static final Set<String> TASK_HANDOVERS =
      Set.of(
          UserOperationLogEntry.OPERATION_TYPE_ASSIGN,
          UserOperationLogEntry.OPERATION_TYPE_DELEGATE,
          UserOperationLogEntry.OPERATION_TYPE_RESOLVE,
          UserOperationLogEntry.OPERATION_TYPE_SET_OWNER,
          UserOperationLogEntry.OPERATION_TYPE_ADD_USER_LINK,
          UserOperationLogEntry.OPERATION_TYPE_DELETE_USER_LINK,
          UserOperationLogEntry.OPERATION_TYPE_ADD_GROUP_LINK,
          UserOperationLogEntry.OPERATION_TYPE_DELETE_GROUP_LINK);

  /** Commands that move instances and leave no operation log entry of their own. */
  private static final Map<Class<?>, String> UNLOGGED =
      Map.of(
          CorrelateMessageCmd.class, "CorrelateMessage",
          CorrelateAllMessageCmd.class, "CorrelateMessage",
          MessageEventReceivedCmd.class, "TriggerMessageSubscription",
          SignalCmd.class, "SignalExecution",
          SignalEventReceivedCmd.class, "SignalEvent");

  private static final int VALUE_LENGTH = 200;

  private final ObjectProvider<AuditLog> audit;

  /** One entry per operation: the engine logs one row per changed property. */
  private final Set<String> recorded =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > 1_000;
                }
              }));

  EngineOperationsAudit(ObjectProvider<AuditLog> audit) {
    this.audit = audit;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var handlers = new ArrayList<HistoryEventHandler>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(new OperationLogHandler());
    configuration.setCustomHistoryEventHandlers(handlers);

    // After the command context opens: the entry is written in the command's own transaction.
    var interceptors = new ArrayList<CommandInterceptor>();
    if (configuration.getCustomPostCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPostCommandInterceptorsTxRequired());
    }
    interceptors.add(new UnloggedCommands());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  private void operationLogged(UserOperationLogEntryEventEntity entry) {
    if (entry.getUserId() == null) {
      return;
    }
    boolean steering =
        STEERED.contains(entry.getEntityType())
            || (EntityTypes.TASK.equals(entry.getEntityType())
                && TASK_HANDOVERS.contains(entry.getOperationType()));
    if (!steering || (entry.getOperationId() != null && !recorded.add(entry.getOperationId()))) {
      return;
    }
    var details = new LinkedHashMap<String, Object>();
    details.put("by", entry.getUserId());
    details.put("operation", entry.getOperationType());
    details.put("entity", entry.getEntityType());
    put(details, "processDefinitionKey", entry.getProcessDefinitionKey());
    put(details, "processInstanceId", entry.getProcessInstanceId());
    put(details, "taskId", entry.getTaskId());
    put(details, "jobId", entry.getJobId());
    put(details, "batchId", entry.getBatchId());
    if (entry.getProperty() != null) {
      details.put(entry.getProperty(), cut(entry.getNewValue()));
    }
    audit.getObject().record("ENGINE_" + entry.getOperationType(), subject(entry), details);
  }

  private static String subject(HistoryEvent event) {
    var instanceId =
        event.getRootProcessInstanceId() != null
            ? event.getRootProcessInstanceId()
            : event.getProcessInstanceId();
    if (instanceId != null && Context.getCommandContext() != null) {
      var instance =
          Context.getCommandContext().getExecutionManager().findExecutionById(instanceId);
      if (instance != null && instance.getBusinessKey() != null) {
        return AuditSubject.ofCase(instance.getBusinessKey());
      }
    }
    return instanceId != null ? "process-instance:" + instanceId : "engine";
  }

  private static void put(Map<String, Object> details, String key, String value) {
    if (value != null) {
      details.put(key, value);
    }
  }

  private static String cut(String value) {
    return value == null || value.length() <= VALUE_LENGTH
        ? value
        : value.substring(0, VALUE_LENGTH) + "…";
  }

  private final class OperationLogHandler implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof UserOperationLogEntryEventEntity entry) {
        operationLogged(entry);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }

  private final class UnloggedCommands extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      var action = UNLOGGED.get(command.getClass());
      var context = Context.getCommandContext();
      var user = context == null ? null : context.getAuthenticatedUserId();
      T result = next.execute(command);
      if (action != null && user != null) {
        audit.getObject().record("ENGINE_" + action, "engine", Map.of("by", user));
      }
      return result;
    }
  }
}
