package dev.recoverydesk.recovery.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.recovery.CaseStatus;
import org.junit.jupiter.api.Test;

/** The timeline's kinds in words for the agents' forms, codes kept for what has no words yet. */
class CaseEventLabelsTest {

  @Test
  void every_status_a_case_moves_to_reads_in_both_languages() {
    for (var status : CaseStatus.values()) {
      var kind = "STATUS_" + status.name();
      assertThat(CaseEventLabels.english(kind)).as(kind).startsWith("Status: ");
      assertThat(CaseEventLabels.japanese(kind)).as(kind).startsWith("状態：");
    }
  }

  @Test
  void a_kind_reads_in_words_and_one_without_words_as_recorded() {
    assertThat(CaseEventLabels.english("REPLY_RECEIVED")).isEqualTo("Reply received");
    assertThat(CaseEventLabels.japanese("REPLY_RECEIVED")).isEqualTo("返信を受信");
    assertThat(CaseEventLabels.english("SOMETHING_NEW")).isEqualTo("SOMETHING_NEW");
    assertThat(CaseEventLabels.japanese("SOMETHING_NEW")).isEqualTo("SOMETHING_NEW");
  }
}
