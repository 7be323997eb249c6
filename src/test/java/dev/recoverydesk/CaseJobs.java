package dev.recoverydesk;

import dev.recoverydesk.mail.Outbox;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Runs a case's due jobs as the job executor would, in tests where it is off, and sends what the
 * outbox holds due as each node's sweep would. A job's mail goes out right after its commit; the
 * outbox run here sends what waits for a retry.
 */
public final class CaseJobs {

  private CaseJobs() {}

  /** Every job of the case's processes (root and called) that is due now, until none is left. */
  public static void runDue(ProcessEngine engine, String caseId) {
    new CaseSteps(engine).runDue(caseId);
    sendDue(engine);
  }

  /** Sends the outbox's due mail and texts, on the engine's own application's outbox. */
  public static void sendDue(ProcessEngine engine) {
    // The engine's artifact factory is its Spring context's: the outbox of the same application.
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getArtifactFactory()
        .getArtifact(Outbox.class)
        .dispatchDue();
  }
}
