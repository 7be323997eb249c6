package dev.recoverydesk.recovery.cases;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.system.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/recovery-cases/{caseId}}: a case as agents see it. */
@RestController
class CaseController {

  private final CaseRecords records;
  private final CaseReviews reviews;

  CaseController(CaseRecords records, CaseReviews reviews) {
    this.records = records;
    this.reviews = reviews;
  }

  /** Who decided what in the case's tasks: the signed-in user who completed each. */
  record DecisionView(
      String task, String decidedBy, String decision, String reason, String note, Instant at) {}

  record CaseView(
      String caseId,
      String username,
      String problem,
      String status,
      Integer score,
      Map<String, String> answers,
      String resolution,
      List<CaseRecords.Event> timeline,
      List<DecisionView> decisions) {}

  @GetMapping("/api/recovery-cases/{caseId}")
  @PreAuthorize("hasAnyRole('support-agents', 'camunda-admin')")
  @Transactional(readOnly = true)
  CaseView read(@PathVariable String caseId) {
    var id = CaseId.parse(caseId).orElseThrow(() -> new NotFoundException("Case " + caseId));
    var found = records.find(id).orElseThrow(() -> new NotFoundException("Case " + caseId));
    var answers = new java.util.LinkedHashMap<String, String>();
    records.answers(id).forEach((number, answer) -> answers.put(number.toString(), answer));
    var decisions = new ArrayList<>(reviews.decisions(id));
    Collections.reverse(decisions);
    return new CaseView(
        found.caseId().value(),
        found.username(),
        found.problem().name(),
        found.status().name(),
        found.score(),
        answers,
        found.resolution(),
        records.timeline(id),
        decisions.stream()
            .map(
                d ->
                    new DecisionView(
                        d.task(), d.decidedBy(), d.decision(), d.reason(), d.note(), d.at()))
            .toList());
  }
}
