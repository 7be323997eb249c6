package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** Asks a running case to end as CANCELLED, whatever step it is at. */
@Component
public class Cancellation {

  static final String MESSAGE = "case-cancel-requested";

  /** Who or what stopped the case; the cancellation mail tells the owner why. */
  public enum Reason {
    CANCEL_LINK("cancel link"),
    CANCEL_REPLY("CANCEL reply"),
    BACKUP_CODE_LOGIN("the owner logged in with a backup code");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** As the case's timeline and resolution say it. */
    public String text() {
      return text;
    }
  }

  private final RuntimeService runtime;
  private final CaseRecords records;

  Cancellation(RuntimeService runtime, CaseRecords records) {
    this.runtime = runtime;
    this.records = records;
  }

  /**
   * @return whether a running case took the request
   */
  public boolean cancel(CaseId caseId, Reason why) {
    var taken =
        runtime
            .createMessageCorrelation(MESSAGE)
            .processInstanceBusinessKey(caseId.value())
            .setVariables(Map.of("cancelReason", why.text(), "cancelledBy", why.name()))
            .correlateAllWithResult();
    if (!taken.isEmpty()) {
      records.event(caseId, CaseEventKind.CANCEL_REQUESTED, why.text());
    }
    return !taken.isEmpty();
  }
}
