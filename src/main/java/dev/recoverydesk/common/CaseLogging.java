package dev.recoverydesk.common;

import org.slf4j.MDC;

/**
 * The case a log line concerns, as the logging context's {@value #KEY} field: structured logs (see
 * {@code logging.structured.format.console}) carry it as a field of its own, so that an operator
 * finds every line of one case. Nothing else about the case goes there: never an address, a code or
 * a token.
 *
 * <pre>{@code
 * try (var logging = CaseLogging.about(caseId)) {
 *   log.info("...");
 * }
 * }</pre>
 *
 * <p>The engine puts the same field (the business key) in the context while it runs a case's
 * processes; see {@code camunda.bpm.generic-properties.properties.loggingContextBusinessKey}.
 */
public final class CaseLogging implements AutoCloseable {

  /** The logging context's field; the engine's business key field has the same name. */
  public static final String KEY = "caseId";

  private final String outer;

  private CaseLogging(String outer) {
    this.outer = outer;
  }

  /** Names the case in the logging context until closed; then the context is as it was. */
  public static CaseLogging about(CaseId caseId) {
    var scope = new CaseLogging(MDC.get(KEY));
    MDC.put(KEY, caseId.value());
    return scope;
  }

  @Override
  public void close() {
    if (outer == null) {
      MDC.remove(KEY);
    } else {
      MDC.put(KEY, outer);
    }
  }
}
