package dev.recoverydesk.recovery.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.RecoveryCase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CaseRecordsTest extends IntegrationTest {

  @Autowired CaseRecords records;

  @Test
  void a_later_reply_replaces_the_answers_it_gives_and_keeps_the_others() {
    var caseId = CaseId.random();
    records.create(
        new RecoveryCase(
            caseId,
            "answers_merge",
            false,
            new EmailAddress("answers@example.com"),
            Problem.LOST_PHONE,
            "en",
            CaseStatus.OPEN,
            null,
            null,
            Instant.now()),
        "REQUEST",
        "",
        "api");

    records.answers(caseId, Map.of(1, "first@example.com", 3, "2019-04"), 1);
    records.answers(caseId, Map.of(1, "second@example.com", 2, "090-1111-2222"), 2);

    assertThat(records.answers(caseId))
        .containsExactly(
            Map.entry(1, "second@example.com"),
            Map.entry(2, "090-1111-2222"),
            Map.entry(3, "2019-04"));
  }

  @Test
  void an_answer_longer_than_the_column_is_cut_not_refused() {
    var caseId = CaseId.random();
    records.create(
        new RecoveryCase(
            caseId,
            "answers_long",
            false,
            new EmailAddress("long@example.com"),
            Problem.LOST_PHONE,
            "en",
            CaseStatus.OPEN,
            null,
            null,
            Instant.now()),
        "REQUEST",
        "",
        "api");

    records.answers(caseId, Map.of(4, "x".repeat(5000)), 1);
    records.answers(caseId, Map.of(4, "y".repeat(4500)), 2);

    assertThat(records.answers(caseId).get(4)).hasSize(4000).startsWith("yyy");
  }
}
