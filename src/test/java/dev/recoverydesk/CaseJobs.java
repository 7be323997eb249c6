package dev.recoverydesk;

import org.camunda.bpm.engine.ProcessEngine;

/** Runs a case's due jobs as the job executor would, in tests where it is off. */
public final class CaseJobs {

  private CaseJobs() {}

  /** Every job of the case's processes (root and called) that is due now, until none is left. */
  public static void runDue(ProcessEngine engine, String caseId) {
    new CaseSteps(engine).runDue(caseId);
  }
}
