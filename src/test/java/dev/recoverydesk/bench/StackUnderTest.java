package dev.recoverydesk.bench;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * What the benchmark drives: the whole desk, or the bare engine with the same models. Either way,
 * cases are opened here, the users' side answers by itself, and agents act through {@link
 * #engine()}.
 */
interface StackUnderTest extends AutoCloseable {

  /** The process that is one case, from intake to new codes. */
  String ROOT_PROCESS = "account-recovery";

  /** Where a case that got its new codes ends. */
  String RESOLVED_END = "case-resolved";

  /** The receive task that the questionnaire's answers complete. */
  String WAIT_FOR_ANSWERS = "wait-for-answers";

  String name();

  ProcessEngine engine();

  /** Readies the users of a batch (accounts, mailboxes) before any clock starts. */
  void prepare(String batch, int count) throws Exception;

  /** Opens the case of one user of a batch, as that user would; returns the case id. */
  String open(String batch, int index) throws Exception;

  /** Mails the stack sent to users so far. */
  long mailsOut();

  /** Replies users sent so far. */
  long mailsIn();

  /**
   * When each case's answers were sent (epoch milliseconds), by case id: the start of the
   * reply-to-correlation latency, whose end is the engine's record of the correlation.
   */
  Map<String, Long> answersSentAt();

  @Override
  void close();
}
