package dev.recoverydesk.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How long a case waited for its user's reply: in the models every wait for mail is a receive task
 * entered right after the mail it waits on is sent ({@code wait-for-answers}, {@code
 * wait-for-outcome}, {@code wait-for-reply}), so the time from entering it to the reply that
 * completes it is the lag from sending to correlation. A wait that ends otherwise (a timer, a
 * cancellation) is not a reply. Taken from the engine's history events, so it needs a history level
 * that records activities (the desk's is {@code full}); counted once the correlation commits.
 */
@Component
class ReplyLag extends AbstractProcessEnginePlugin {

  private static final String WAIT_FOR_MAIL = "receiveTask";

  private final ObjectProvider<DeskMetrics> metrics;

  ReplyLag(ObjectProvider<DeskMetrics> metrics) {
    this.metrics = metrics;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    var handlers = new ArrayList<HistoryEventHandler>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(new Replies());
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  private void ended(HistoricActivityInstanceEventEntity wait) {
    var context = Context.getCommandContext();
    if (context == null || wait.getEndTime() == null) {
      return;
    }
    // The end event carries no start: the wait's history, written when it began, does.
    // Whoever moved the case (an administrator, say) need not be allowed to read its history.
    var began =
        context.runWithoutAuthorization(
            () ->
                context
                    .getProcessEngineConfiguration()
                    .getHistoryService()
                    .createHistoricActivityInstanceQuery()
                    .activityInstanceId(wait.getActivityInstanceId())
                    .singleResult());
    if (began == null || began.getStartTime() == null) {
      return;
    }
    var lag = Duration.ofMillis(wait.getEndTime().getTime() - began.getStartTime().getTime());
    context
        .getTransactionContext()
        .addTransactionListener(
            TransactionState.COMMITTED, committed -> metrics.getObject().replied(lag));
  }

  private final class Replies implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricActivityInstanceEventEntity activity
          && activity.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
          && WAIT_FOR_MAIL.equals(activity.getActivityType())
          && !activity.isCanceled()) {
        ended(activity);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
