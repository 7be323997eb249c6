package dev.recoverydesk.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Answers as people remember facts, scored with a reason for every point. */
class AnswerScorerTest {

  static final Account ALICE =
      new Account(
          "alice",
          "Alice",
          new EmailAddress("alice@example.com"),
          List.of(new EmailAddress("alice.old@example.com")),
          new PhoneNumber("+819012345678"),
          "docomo",
          "ja",
          LocalDate.of(2019, 4, 1),
          new Account.TwoFactor(true, false, false),
          List.of(
              new Account.Device(
                  "iPhone 15", "Safari", Instant.parse("2026-11-01T10:00:00Z"), "JP")),
          List.of(new Account.Post(LocalDate.of(2026, 11, 15), "紅葉を見に京都へ行ってきた")),
          List.of("bob", "carol", "dave"));

  @Test
  void japanese_answers_in_full_width_and_local_formats_match_every_fact() {
    var score =
        AnswerScorer.score(
            Optional.of(ALICE),
            Map.of(
                1, "ＡＬＩＣＥ.ＯＬＤ@example.com",
                2, "０９０－１２３４－５６７８",
                3, "2019年5月ごろ",
                4, "京都に紅葉を見に行った投稿",
                5, "@bob、@carol、@dave",
                6, "iphone15 の Safari"));

    assertThat(score.total()).isEqualTo(100);
    assertThat(score.recommendation()).isEqualTo("APPROVE");
    assertThat(score.breakdown())
        .extracting(IdentityScore.Line::why)
        .contains("an address the account used before", "within a month of 2019-04");
  }

  @Test
  void wrong_answers_score_nothing_and_say_why() {
    var score =
        AnswerScorer.score(
            Optional.of(ALICE),
            Map.of(1, "mallory@example.net", 2, "+1 415 555 0132", 3, "2021年1月", 5, "eve"));

    assertThat(score.total()).isZero();
    assertThat(score.recommendation()).isEqualTo("REJECT");
    assertThat(score.breakdown()).hasSize(6).extracting(IdentityScore.Line::points).containsOnly(0);
  }

  @Test
  void partial_memories_earn_partial_points() {
    var score =
        AnswerScorer.score(
            Optional.of(ALICE),
            Map.of(2, "the one ending in 5678", 3, "sometime in 2019", 6, "Safari"));

    assertThat(score.breakdown())
        .extracting(IdentityScore.Line::points)
        .containsExactly(0, 5, 5, 0, 0, 5);
  }

  @Test
  void an_unknown_account_scores_zero_without_saying_so_to_anyone_but_agents() {
    var score = AnswerScorer.score(Optional.empty(), Map.of(1, "alice@example.com"));

    assertThat(score.total()).isZero();
    assertThat(score.breakdown())
        .allSatisfy(line -> assertThat(line.why()).isEqualTo("nothing to compare with"));
  }
}
