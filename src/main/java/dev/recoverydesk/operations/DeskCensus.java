package dev.recoverydesk.operations;

import dev.recoverydesk.recovery.CaseCounts;
import dev.recoverydesk.recovery.CaseStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The desk's open work as gauges, read from the database: every node shows the same numbers (take
 * the max over nodes, not the sum). One read serves every gauge of a scrape and the next few
 * seconds; a read that fails shows NaN rather than stalling each gauge in turn.
 */
@Component
class DeskCensus implements MeterBinder {

  static final String CASES_OPEN = "recovery.cases.open";
  static final String REVIEW_OVERDUE = "recovery.review.overdue";
  static final String TRIAGE_OPEN = "recovery.triage.open";
  static final String JOB_BACKLOG = "recovery.engine.job.backlog";
  static final String JOBS_FAILED = "recovery.engine.jobs.failed";
  static final String INCIDENTS_OPEN = "recovery.engine.incidents.open";

  /** Scrapes of several Prometheis, or of one every few seconds, cost one read. */
  static final Duration FRESH_FOR = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(DeskCensus.class);

  private final CaseCounts cases;
  private final ProcessEngine engine;

  private Counts last;
  private long readAt;

  DeskCensus(CaseCounts cases, ProcessEngine engine) {
    this.cases = cases;
    this.engine = engine;
  }

  /** One reading; NaN (and no open cases map) when it could not be made. */
  record Counts(
      Map<CaseStatus, Double> openCases,
      double reviewsOverdue,
      double triageOpen,
      double jobBacklog,
      double jobsFailed,
      double incidents) {

    static final Counts UNKNOWN =
        new Counts(null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (CaseStatus status : CaseStatus.values()) {
      if (!status.closed()) {
        gauge(CASES_OPEN, "Cases not yet closed, by status", c -> open(c, status))
            .tag("status", status.name())
            .register(registry);
      }
    }
    gauge(
            REVIEW_OVERDUE,
            "Open agent tasks past their due date (recovery.review.sla): the Overdue queue",
            Counts::reviewsOverdue)
        .register(registry);
    gauge(TRIAGE_OPEN, "Mail waiting in triage for an agent", Counts::triageOpen)
        .register(registry);
    gauge(
            JOB_BACKLOG,
            "Engine jobs due and not yet run (timers, asynchronous steps)",
            Counts::jobBacklog)
        .register(registry);
    gauge(JOBS_FAILED, "Engine jobs that failed with no retries left", Counts::jobsFailed)
        .register(registry);
    gauge(INCIDENTS_OPEN, "Open engine incidents", Counts::incidents).register(registry);
  }

  private Gauge.Builder<DeskCensus> gauge(
      String name, String description, ToDoubleFunction<Counts> value) {
    return Gauge.builder(name, this, census -> value.applyAsDouble(census.counts()))
        .description(description);
  }

  private static double open(Counts counts, CaseStatus status) {
    return counts.openCases() == null ? Double.NaN : counts.openCases().getOrDefault(status, 0.0);
  }

  /** Makes the next scrape read anew: for a reading that must not predate what just happened. */
  synchronized void forget() {
    last = null;
  }

  /** The last reading while fresh, else a new one. */
  synchronized Counts counts() {
    long now = System.nanoTime();
    if (last == null || now - readAt > FRESH_FOR.toNanos()) {
      last = read();
      readAt = now;
    }
    return last;
  }

  private Counts read() {
    // Counted for the whole desk, whoever's request asks: not through an engine user's rights.
    var identity = engine.getIdentityService();
    var signedIn = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      var open = new EnumMap<CaseStatus, Double>(CaseStatus.class);
      cases.openByStatus().forEach((status, count) -> open.put(status, count.doubleValue()));
      var jobs = engine.getManagementService();
      return new Counts(
          open,
          engine.getTaskService().createTaskQuery().dueBefore(ClockUtil.getCurrentTime()).count(),
          cases.mailInTriage(),
          jobs.createJobQuery().executable().count(),
          jobs.createJobQuery().noRetriesLeft().count(),
          engine.getRuntimeService().createIncidentQuery().count());
    } catch (RuntimeException unavailable) {
      log.warn("Could not count the desk's open work for its metrics: {}", unavailable.toString());
      return Counts.UNKNOWN;
    } finally {
      if (signedIn != null) {
        identity.setAuthentication(signedIn);
      }
    }
  }
}
