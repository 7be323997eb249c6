package dev.recoverydesk.recovery.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.recovery.CaseStatus;
import org.junit.jupiter.api.Test;

/** The timeline's kinds in words for the agents' forms, codes kept for what has no words yet. */
class CaseEventKindTest {

  @Test
  void every_status_a_case_moves_to_reads_in_both_languages() {
    for (var status : CaseStatus.values()) {
      var kind = CaseEventKind.of(status);
      assertThat(kind.code()).isEqualTo("STATUS_" + status.name());
      assertThat(kind.label(Language.EN)).as(kind.code()).startsWith("Status: ");
      assertThat(kind.label(Language.JA)).as(kind.code()).startsWith("状態：");
    }
  }

  @Test
  void a_kind_reads_in_words_and_one_without_words_as_recorded() {
    assertThat(CaseEventKind.label("REPLY_RECEIVED", Language.EN)).isEqualTo("Reply received");
    assertThat(CaseEventKind.label("REPLY_RECEIVED", Language.JA)).isEqualTo("返信を受信");
    assertThat(CaseEventKind.label("SOMETHING_NEW", Language.EN)).isEqualTo("SOMETHING_NEW");
    assertThat(CaseEventKind.label("SOMETHING_NEW", Language.JA)).isEqualTo("SOMETHING_NEW");
  }

  @Test
  void every_kind_is_stored_as_its_code_and_read_back() {
    for (var kind : CaseEventKind.values()) {
      assertThat(CaseEventKind.ofCode(kind.code())).contains(kind);
      assertThat(kind.label(Language.EN)).isNotBlank().isNotEqualTo(kind.code());
      assertThat(kind.label(Language.JA)).isNotBlank().isNotEqualTo(kind.code());
    }
  }

  @Test
  void review_and_approval_decisions_name_their_lines() {
    assertThat(CaseEventKind.review("MORE_INFO")).isEqualTo(CaseEventKind.REVIEW_MORE_INFO);
    assertThat(CaseEventKind.approval("APPROVE").code()).isEqualTo("APPROVAL_APPROVE");
  }
}
