package dev.recoverydesk;

import org.camunda.bpm.engine.ProcessEngine;

/** Runs a case's due jobs as the job executor would, in tests where it is off. */
public final class CaseJobs {

  private CaseJobs() {}

  /** Every job of the case's processes (root and called) that is due now, until none is left. */
  public static void runDue(ProcessEngine engine, String caseId) {
    var management = engine.getManagementService();
    for (int round = 0; round < 20; round++) {
      var jobs =
          engine
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(caseId)
              .list()
              .stream()
              .flatMap(
                  instance ->
                      management
                          .createJobQuery()
                          .processInstanceId(instance.getId())
                          .executable()
                          .list()
                          .stream())
              .toList();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
