package dev.recoverydesk.recovery.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.verification.IdentityScore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The desk's own facts about a case's review: what scoring found (score, proofs, risk signals, the
 * routing table's recommendation and whether a second approval is needed) and who decided what.
 * Gateways, listeners and forms read these, never process variables, which whoever completes a task
 * (or sets its variables) can write.
 */
@Component
public class CaseReviews {

  /** The task that reviews the evidence. */
  public static final String REVIEW = "review-identity";

  /** The supervisor's second approval. */
  public static final String APPROVAL = "approve-reset";

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  CaseReviews(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** What scoring found, as the routing table judged it. */
  public record Assessment(
      boolean accountKnown,
      IdentityScore score,
      List<String> proofs,
      List<String> signals,
      String recommendation,
      boolean secondApproval) {

    public Assessment {
      proofs = List.copyOf(proofs);
      signals = List.copyOf(signals);
    }
  }

  /**
   * One person's decision: the signed-in user who completed the task, and what that completion
   * chose.
   */
  public record Decision(
      String task,
      String taskId,
      String decidedBy,
      String decision,
      String reason,
      String note,
      Instant at) {}

  /** Keeps the newest assessment of a case (a MORE_INFO round scores the answers again). */
  public void assessed(CaseId caseId, Assessment assessment) {
    var values =
        new Object[] {
          Timestamp.from(clock.instant()),
          assessment.accountKnown(),
          assessment.score().total(),
          write(assessment.score()),
          write(assessment.proofs()),
          write(assessment.signals()),
          assessment.recommendation(),
          assessment.secondApproval(),
          caseId.value()
        };
    int updated =
        jdbc.update(
            "update case_assessment set assessed_at = ?, account_known = ?, score = ?,"
                + " breakdown = ?, proofs = ?, signals = ?, recommendation = ?,"
                + " second_approval = ? where case_id = ?",
            values);
    if (updated == 0) {
      jdbc.update(
          "insert into case_assessment (assessed_at, account_known, score, breakdown, proofs,"
              + " signals, recommendation, second_approval, case_id)"
              + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          values);
    }
  }

  public Optional<Assessment> assessment(CaseId caseId) {
    return jdbc
        .query(
            "select account_known, breakdown, proofs, signals, recommendation, second_approval"
                + " from case_assessment where case_id = ?",
            (row, n) -> assessment(row),
            caseId.value())
        .stream()
        .findFirst();
  }

  public void decided(CaseId caseId, Decision decision) {
    jdbc.update(
        "insert into case_decision (case_id, task, task_id, decided_by, decision, reason, note,"
            + " decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        caseId.value(),
        decision.task(),
        decision.taskId(),
        decision.decidedBy(),
        decision.decision(),
        decision.reason(),
        decision.note() == null || decision.note().length() <= 2000
            ? decision.note()
            : decision.note().substring(0, 2000),
        Timestamp.from(decision.at()));
  }

  /** The newest decision taken in a task of the case. */
  public Optional<Decision> latest(CaseId caseId, String task) {
    return jdbc
        .query(
            "select task, task_id, decided_by, decision, reason, note, decided_at"
                + " from case_decision where case_id = ? and task = ?"
                + " order by id desc fetch first 1 rows only",
            (row, n) -> decision(row),
            caseId.value(),
            task)
        .stream()
        .findFirst();
  }

  /**
   * Whether an approved review still needs a supervisor: always, unless the routing table found two
   * independent proofs, good answers and no risk signal (and recommended APPROVE).
   */
  public boolean secondApprovalNeeded(CaseId caseId) {
    return assessment(caseId)
        .map(found -> found.secondApproval() || !"APPROVE".equals(found.recommendation()))
        .orElse(true);
  }

  /**
   * Whether the case's records allow a reset: the latest review approved it and, where a second
   * approval is needed, a later approval by someone else did too. Checked again where the reset
   * starts and where it happens, whatever path led there.
   */
  public boolean approvedForReset(CaseId caseId) {
    var review = latest(caseId, REVIEW).filter(d -> "APPROVE".equals(d.decision()));
    if (review.isEmpty()) {
      return false;
    }
    if (!secondApprovalNeeded(caseId)) {
      return true;
    }
    return latest(caseId, APPROVAL)
        .filter(approval -> "APPROVE".equals(approval.decision()))
        .filter(approval -> !approval.at().isBefore(review.get().at()))
        .filter(approval -> !approval.decidedBy().equals(review.get().decidedBy()))
        .isPresent();
  }

  /**
   * The four-eyes rule once more where a reset starts and where it happens: whatever path led there
   * (an administrator's modification included), the records must show the approvals. The job fails,
   * and stays an incident, otherwise.
   */
  public void requireApprovedForReset(CaseId caseId) {
    if (!approvedForReset(caseId)) {
      throw new IllegalStateException(
          "No reset for "
              + caseId
              + ": its records show no approved review, or no second approval by someone else");
    }
  }

  /** Every decision on the case, newest first. */
  public List<Decision> decisions(CaseId caseId) {
    return jdbc.query(
        "select task, task_id, decided_by, decision, reason, note, decided_at"
            + " from case_decision where case_id = ? order by id desc",
        (row, n) -> decision(row),
        caseId.value());
  }

  private Assessment assessment(ResultSet row) throws SQLException {
    return new Assessment(
        row.getBoolean("account_known"),
        read(row.getString("breakdown"), new TypeReference<IdentityScore>() {}),
        read(row.getString("proofs"), new TypeReference<List<String>>() {}),
        read(row.getString("signals"), new TypeReference<List<String>>() {}),
        row.getString("recommendation"),
        row.getBoolean("second_approval"));
  }

  private static Decision decision(ResultSet row) throws SQLException {
    return new Decision(
        row.getString("task"),
        row.getString("task_id"),
        row.getString("decided_by"),
        row.getString("decision"),
        row.getString("reason"),
        row.getString("note"),
        row.getTimestamp("decided_at").toInstant());
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored assessment no longer reads: " + e.getMessage(), e);
    }
  }
}
