package dev.recoverydesk.audit;

import dev.recoverydesk.common.CaseId;

/** What an audit entry is about, spelled the one way the log is written and searched. */
public final class AuditSubject {

  private static final String CASE = "case:";

  private AuditSubject() {}

  /** A case, e.g. {@code case:RC-7K3M9Q}. */
  public static String of(CaseId caseId) {
    return ofCase(caseId.value());
  }

  /**
   * The case of a process instance: its business key, the case id for a case's processes and the
   * mail's key for a triage.
   */
  static String ofCase(String businessKey) {
    return CASE + businessKey;
  }
}
