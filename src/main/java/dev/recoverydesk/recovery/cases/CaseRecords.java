package dev.recoverydesk.recovery.cases;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.CaseLogging;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.recovery.CaseClosed;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.RecoveryCase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The case table, its timeline, its answers and the proofs seen while it was open. Status changes
 * and timeline entries go together, in the caller's transaction (usually the engine's), so the
 * timeline never lies about a step.
 *
 * <p>Over 250 lines, kept as one: it is the one place that reads and writes a case's rows, each
 * method a statement or two. Splitting answers or proofs off would leave either a class that only
 * forwards to them or every caller across {@code recovery} choosing among three.
 */
@Component
public class CaseRecords {

  private static final Logger log = LoggerFactory.getLogger(CaseRecords.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  CaseRecords(JdbcTemplate jdbc, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /** One line of a case's timeline, with its kind's code as stored (see {@link CaseEventKind}). */
  public record Event(Instant at, String kind, String detail) {}

  public void create(
      RecoveryCase recoveryCase, String problemSource, String description, String channel) {
    var now = Timestamp.from(clock.instant());
    jdbc.update(
        "insert into recovery_case (case_id, username, account_known, contact_email, problem,"
            + " problem_source, description, locale, channel, status, opened_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        recoveryCase.caseId().value(),
        recoveryCase.username(),
        recoveryCase.accountKnown(),
        recoveryCase.contactEmail().value(),
        recoveryCase.problem().name(),
        problemSource,
        description,
        recoveryCase.locale(),
        channel,
        recoveryCase.status().name(),
        now,
        now);
    event(recoveryCase.caseId(), CaseEventKind.CASE_OPENED, "channel=" + channel);
    try (var logging = CaseLogging.about(recoveryCase.caseId())) {
      log.info("Case {} opened ({}, {})", recoveryCase.caseId(), recoveryCase.problem(), channel);
    }
  }

  public Optional<RecoveryCase> find(CaseId caseId) {
    return jdbc
        .query(
            "select case_id, username, account_known, contact_email, problem, locale, status,"
                + " score, resolution, opened_at from recovery_case where case_id = ?",
            (row, n) -> recoveryCase(row),
            caseId.value())
        .stream()
        .findFirst();
  }

  /** What the user wrote when asking, as written (empty when nothing). */
  public String description(CaseId caseId) {
    return jdbc
        .queryForList(
            "select description from recovery_case where case_id = ?", String.class, caseId.value())
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse("");
  }

  /** Cases of a username opened since a moment, newest first. */
  public List<RecoveryCase> openedSince(String username, Instant since) {
    return jdbc.query(
        "select case_id, username, account_known, contact_email, problem, locale, status,"
            + " score, resolution, opened_at from recovery_case"
            + " where username = ? and opened_at >= ? order by opened_at desc",
        (row, n) -> recoveryCase(row),
        username,
        Timestamp.from(since));
  }

  /**
   * Moves the case to a status. The first time it reaches a closed one, {@link CaseClosed} says so
   * (in the caller's transaction).
   */
  public void status(CaseId caseId, CaseStatus status, String detail) {
    var before = find(caseId);
    jdbc.update(
        "update recovery_case set status = ?, updated_at = ? where case_id = ?",
        status.name(),
        Timestamp.from(clock.instant()),
        caseId.value());
    event(caseId, CaseEventKind.of(status), detail);
    try (var logging = CaseLogging.about(caseId)) {
      log.info("Case {} is {}", caseId, status);
    }
    if (status.closed() && before.isPresent() && !before.get().status().closed()) {
      var open = Duration.between(before.get().openedAt(), clock.instant());
      events.publishEvent(new CaseClosed(caseId, before.get().problem(), status, open));
    }
  }

  /**
   * Who named a case's problem after it opened, as the case row stores it and the timeline says.
   */
  public enum ProblemSource {
    CLASSIFIED("classified", CaseEventKind.PROBLEM_CLASSIFIED),
    CONFIRMED("confirmed", CaseEventKind.PROBLEM_CONFIRMED);

    private final String code;
    private final CaseEventKind kind;

    ProblemSource(String code, CaseEventKind kind) {
      this.code = code;
      this.kind = kind;
    }
  }

  public void problem(CaseId caseId, Problem problem, ProblemSource source) {
    jdbc.update(
        "update recovery_case set problem = ?, problem_source = ?, updated_at = ?"
            + " where case_id = ?",
        problem.name(),
        source.code,
        Timestamp.from(clock.instant()),
        caseId.value());
    event(caseId, source.kind, problem.name());
  }

  public void resolution(CaseId caseId, String resolution) {
    jdbc.update(
        "update recovery_case set resolution = ?, updated_at = ? where case_id = ?",
        resolution,
        Timestamp.from(clock.instant()),
        caseId.value());
  }

  /** Whether the owner has been told that a reply came to the case after it closed. */
  public boolean toldClosed(CaseId caseId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "select closed_notice_at is not null from recovery_case where case_id = ?",
            Boolean.class,
            caseId.value()));
  }

  /** Notes that the owner has been told that the case is closed. */
  public void toldClosedNow(CaseId caseId) {
    jdbc.update(
        "update recovery_case set closed_notice_at = ? where case_id = ?",
        Timestamp.from(clock.instant()),
        caseId.value());
  }

  public void score(CaseId caseId, int score) {
    jdbc.update(
        "update recovery_case set score = ?, updated_at = ? where case_id = ?",
        score,
        Timestamp.from(clock.instant()),
        caseId.value());
  }

  /** Adds a line to the case's timeline; a detail over 2000 characters is cut. */
  public void event(CaseId caseId, CaseEventKind kind, String detail) {
    jdbc.update(
        "insert into case_event (case_id, occurred_at, kind, detail) values (?, ?, ?, ?)",
        caseId.value(),
        Timestamp.from(clock.instant()),
        kind.code(),
        detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
  }

  public List<Event> timeline(CaseId caseId) {
    return jdbc.query(
        "select occurred_at, kind, detail from case_event where case_id = ? order by id",
        (row, n) ->
            new Event(
                row.getTimestamp("occurred_at").toInstant(),
                row.getString("kind"),
                row.getString("detail")),
        caseId.value());
  }

  /** Keeps the newest answer to each question given; questions not answered keep theirs. */
  public void answers(CaseId caseId, Map<Integer, String> answers, long mailId) {
    var now = Timestamp.from(clock.instant());
    var answered =
        new HashSet<>(
            jdbc.queryForList(
                "select question from case_answer where case_id = ?",
                Integer.class,
                caseId.value()));
    var updates = new ArrayList<Object[]>();
    var inserts = new ArrayList<Object[]>();
    for (var answer : answers.entrySet()) {
      var text =
          answer.getValue().length() <= 4000
              ? answer.getValue()
              : answer.getValue().substring(0, 4000);
      if (answered.contains(answer.getKey())) {
        updates.add(new Object[] {text, mailId, now, caseId.value(), answer.getKey()});
      } else {
        inserts.add(new Object[] {caseId.value(), answer.getKey(), text, mailId, now});
      }
    }
    if (!updates.isEmpty()) {
      jdbc.batchUpdate(
          "update case_answer set answer = ?, mail_id = ?, answered_at = ?"
              + " where case_id = ? and question = ?",
          updates);
    }
    if (!inserts.isEmpty()) {
      jdbc.batchUpdate(
          "insert into case_answer (case_id, question, answer, mail_id, answered_at)"
              + " values (?, ?, ?, ?, ?)",
          inserts);
    }
  }

  public SortedMap<Integer, String> answers(CaseId caseId) {
    var answers = new TreeMap<Integer, String>();
    jdbc.query(
        "select question, answer from case_answer where case_id = ? order by question",
        row -> {
          answers.put(row.getInt("question"), row.getString("answer"));
        },
        caseId.value());
    return answers;
  }

  /** Notes a proof the desk saw on the case (once). */
  public void proofSeen(CaseId caseId, String proof) {
    if (!proofsSeen(caseId).contains(proof)) {
      jdbc.update(
          "insert into case_proof (case_id, proof, recorded_at) values (?, ?, ?)",
          caseId.value(),
          proof,
          Timestamp.from(clock.instant()));
    }
  }

  public List<String> proofsSeen(CaseId caseId) {
    return jdbc.queryForList(
        "select proof from case_proof where case_id = ? order by recorded_at",
        String.class,
        caseId.value());
  }

  private static RecoveryCase recoveryCase(ResultSet row) throws SQLException {
    return new RecoveryCase(
        new CaseId(row.getString("case_id")),
        row.getString("username"),
        row.getBoolean("account_known"),
        new EmailAddress(row.getString("contact_email")),
        Problem.valueOf(row.getString("problem")),
        row.getString("locale"),
        CaseStatus.valueOf(row.getString("status")),
        (Integer) row.getObject("score"),
        row.getString("resolution"),
        row.getTimestamp("opened_at").toInstant());
  }
}
