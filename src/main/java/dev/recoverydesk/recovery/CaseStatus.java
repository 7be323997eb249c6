package dev.recoverydesk.recovery;

/**
 * Where a case stands. Along the support path: OPEN → AWAITING_USER (questionnaire sent) →
 * IN_REVIEW → AWAITING_APPROVAL (when a second approval is needed) → RESET_PENDING (hold) →
 * RESOLVED; or REJECTED, CANCELLED, EXPIRED.
 */
public enum CaseStatus {
  OPEN,
  AWAITING_USER,
  IN_REVIEW,
  AWAITING_APPROVAL,
  RESET_PENDING,
  RESOLVED,
  REJECTED,
  CANCELLED,
  EXPIRED;

  public boolean closed() {
    return this == RESOLVED || this == REJECTED || this == CANCELLED || this == EXPIRED;
  }
}
