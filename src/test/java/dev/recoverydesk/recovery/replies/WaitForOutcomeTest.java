package dev.recoverydesk.recovery.replies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaitForOutcomeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Yes, I am back in. Thanks!",
        "yep",
        "It worked.",
        "Solved — I used a backup code.",
        "はい、ログインできました。",
        "  解決しました"
      })
  void a_yes_in_its_own_words_is_solved(String reply) {
    assertThat(WaitForOutcome.saysSolved(reply, false)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "No, I have no backup code left.",
        "Nope.",
        "Not yet, the code never came.",
        "Still locked out.",
        "Yesterday's texts never came, and nothing today either.",
        "Yesterday I tried again, no luck.",
        "Solvedn't",
        "いいえ、届きませんでした。",
        "まだログインできません",
        "I am not sure what to do.",
        ""
      })
  void a_no_or_anything_unclear_is_not_solved(String reply) {
    assertThat(WaitForOutcome.saysSolved(reply, false)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"The code came: 123456", "123456"})
  void a_confirmed_sms_code_without_a_no_is_solved(String reply) {
    assertThat(WaitForOutcome.saysSolved(reply, true)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"No, still locked out — the code 123456 did come", "いいえ 123456"})
  void a_no_wins_over_a_code_that_arrived(String reply) {
    assertThat(WaitForOutcome.saysSolved(reply, true)).isFalse();
  }
}
