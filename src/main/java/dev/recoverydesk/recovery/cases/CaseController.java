package dev.recoverydesk.recovery.cases;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.system.NotFoundException;
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

  CaseController(CaseRecords records) {
    this.records = records;
  }

  record CaseView(
      String caseId,
      String username,
      String problem,
      String status,
      Integer score,
      Map<String, String> answers,
      String resolution,
      List<CaseRecords.Event> timeline) {}

  @GetMapping("/api/recovery-cases/{caseId}")
  @PreAuthorize("hasAnyRole('support-agents', 'camunda-admin')")
  @Transactional(readOnly = true)
  CaseView read(@PathVariable String caseId) {
    var id = CaseId.parse(caseId).orElseThrow(() -> new NotFoundException("Case " + caseId));
    var found = records.find(id).orElseThrow(() -> new NotFoundException("Case " + caseId));
    var answers = new java.util.LinkedHashMap<String, String>();
    records.answers(id).forEach((number, answer) -> answers.put(number.toString(), answer));
    return new CaseView(
        found.caseId().value(),
        found.username(),
        found.problem().name(),
        found.status().name(),
        found.score(),
        answers,
        found.resolution(),
        records.timeline(id));
  }
}
