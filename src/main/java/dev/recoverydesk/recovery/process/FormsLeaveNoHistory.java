package dev.recoverydesk.recovery.process;

import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * Full history, except for the variables that only show agents free text: the user's answers and
 * mail (evidence, thread, a mail in triage), the words of a request, and the agents' notes. The
 * desk keeps these in its own records, which the forms are filled from; FULL history would keep
 * every version of them for as long as the engine's history lives, readable by anyone with history
 * rights.
 *
 * <p>The level keeps the name and id of Camunda's {@code full}, so an existing database's history
 * level still matches.
 */
@Component
class FormsLeaveNoHistory extends AbstractProcessEnginePlugin {

  /** Variables whose values never reach the engine's history. */
  static final Set<String> NOT_KEPT =
      Set.of(
          "evidence",
          "proofsAndSignals",
          "mailThread",
          "mailCut",
          "timeline",
          "review",
          "userWords",
          "reviewNote",
          "decisionNote",
          "moreInfoQuestion",
          "description",
          "mailText",
          "subject",
          "triageNote");

  private static final Set<HistoryEventType> VARIABLE_EVENTS =
      Set.of(
          HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
          HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
          HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE,
          HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
          HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var levels = new ArrayList<HistoryLevel>();
    if (configuration.getCustomHistoryLevels() != null) {
      levels.addAll(configuration.getCustomHistoryLevels());
    }
    levels.add(new FullWithoutFreeText());
    configuration.setCustomHistoryLevels(levels);
  }

  /** Camunda's {@code full} level (same name, same id) that skips the variables above. */
  static class FullWithoutFreeText extends HistoryLevelFull {
    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (VARIABLE_EVENTS.contains(eventType)
          && entity instanceof VariableInstanceEntity variable
          && NOT_KEPT.contains(variable.getName())) {
        return false;
      }
      return super.isHistoryEventProduced(eventType, entity);
    }
  }
}
