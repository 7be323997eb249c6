package dev.recoverydesk.recovery.process;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.recovery.cases.CaseReviews;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the gateways after a review ask, answered from the desk's own records: the decision the
 * task's completion chose (kept by {@link ReviewListeners} with the signed-in user) and the
 * assessment scoring made. No process variable is read, so nothing a task completion or {@code PUT
 * …/variables} writes can change the path. Public for the diagrams' expressions.
 */
@Component("reviewRoute")
public class ReviewRoute {

  private final CaseReviews reviews;

  ReviewRoute(CaseReviews reviews) {
    this.reviews = reviews;
  }

  /** {@code APPROVE}, {@code REJECT} or {@code MORE_INFO}: the latest review of the case. */
  public String review(DelegateExecution execution) {
    return decision(execution, CaseReviews.REVIEW);
  }

  /** {@code APPROVE} or {@code REJECT}: the latest second approval of the case. */
  public String approval(DelegateExecution execution) {
    return decision(execution, CaseReviews.APPROVAL);
  }

  /**
   * Whether an approved review still needs a supervisor: always, unless the routing table found two
   * independent proofs, good answers and no risk signal (and recommended APPROVE).
   */
  public boolean secondApprovalNeeded(DelegateExecution execution) {
    return reviews.secondApprovalNeeded(caseId(execution));
  }

  private String decision(DelegateExecution execution, String task) {
    return reviews
        .latest(caseId(execution), task)
        .map(CaseReviews.Decision::decision)
        .orElseThrow(
            () -> new IllegalStateException("No " + task + " decision on " + caseId(execution)));
  }

  private static CaseId caseId(DelegateExecution execution) {
    return new CaseId(execution.getProcessBusinessKey());
  }
}
