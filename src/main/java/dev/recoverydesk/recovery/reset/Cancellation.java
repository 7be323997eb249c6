package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Asks a running case to end as CANCELLED, whatever step it is at. */
@Component
public class Cancellation {

  static final String MESSAGE = "case-cancel-requested";

  private final RuntimeService runtime;
  private final CaseRecords records;

  Cancellation(RuntimeService runtime, CaseRecords records) {
    this.runtime = runtime;
    this.records = records;
  }

  /**
   * @return whether a running case took the request
   */
  public boolean cancel(CaseId caseId, String why) {
    var taken =
        runtime
            .createMessageCorrelation(MESSAGE)
            .processInstanceBusinessKey(caseId.value())
            .setVariables(Map.of("cancelReason", why))
            .correlateAllWithResult();
    if (!taken.isEmpty()) {
      records.event(caseId, "CANCEL_REQUESTED", why);
    }
    return !taken.isEmpty();
  }
}
