package dev.recoverydesk.mail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Answers as people write them in replies, in every numbering style the contract lists. */
class ReplyReaderAnswersTest {

  private static java.util.SortedMap<Integer, String> parse(String text) {
    return ReplyReader.read(text).answers();
  }

  @Test
  void dotted_numbers_one_answer_a_line() {
    var text =
        """
        1. alice@example.com
        2. +81 90 1234 5678
        3. 2019年4月
        4. 紅葉を見に京都へ行った、11月15日ごろ
        5. bob, carol, dave
        6. iPhone 15 / Safari
        """;

    assertThat(parse(text))
        .isEqualTo(
            Map.of(
                1, "alice@example.com",
                2, "+81 90 1234 5678",
                3, "2019年4月",
                4, "紅葉を見に京都へ行った、11月15日ごろ",
                5, "bob, carol, dave",
                6, "iPhone 15 / Safari"));
  }

  @Test
  void brackets_colons_question_and_answer_prefixes_and_full_width_forms() {
    var text =
        """
        1) alice@example.com
        2: 090-1234-5678
        Q3 April 2019
        A4: Kyoto autumn leaves post, mid November
        ５．bob
        ６：iPhone
        """;

    assertThat(parse(text))
        .containsEntry(1, "alice@example.com")
        .containsEntry(2, "090-1234-5678")
        .containsEntry(3, "April 2019")
        .containsEntry(4, "Kyoto autumn leaves post, mid November")
        .containsEntry(5, "bob")
        .containsEntry(6, "iPhone");
  }

  /**
   * Each numbering style of the contract ({@code 1.}, {@code 1)}, {@code 1:}, {@code Q1}, {@code
   * A1:}, {@code １．}, {@code 1：}) on all six answers, a closing and a footer below them. {@code N}
   * stands for the number, {@code Ｎ} for the full-width one.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"N. ", "N) ", "N: ", "QN ", "AN: ", "Ｎ．", "N："})
  void each_numbering_style_of_the_contract_reads_all_six_answers(String style) {
    var answers =
        new java.util.TreeMap<>(
            Map.of(
                1, "alice@example.com",
                2, "+81 90 1234 5678",
                3, "April 2019",
                4, "Kyoto autumn leaves photo, around 15 November",
                5, "bob, carol, dave",
                6, "iPhone 15 (Safari)"));
    var reply = new StringBuilder();
    answers.forEach(
        (number, answer) ->
            reply
                .append(
                    style
                        .replace("N", String.valueOf(number))
                        .replace("Ｎ", String.valueOf((char) ('０' + number))))
                .append(answer)
                .append('\n'));
    reply.append("\nThanks,\nAlice\n\nSent from my iPhone\n");

    assertThat(parse(reply.toString())).as(reply.toString()).isEqualTo(answers);
  }

  @Test
  void circled_and_bracketed_numbers() {
    assertThat(parse("① alice@example.com\n(2) 09012345678\n（３）2019/04"))
        .containsEntry(1, "alice@example.com")
        .containsEntry(2, "09012345678")
        .containsEntry(3, "2019/04");
  }

  @Test
  void answers_typed_inside_the_quoted_questionnaire() {
    var text =
        """
        Here are my answers.

        > 1. The email address registered on your account (or one you used recently)
        alice@example.com
        > 2. The phone number on your account
        +819012345678
        >
        > 3. When you created the account (year and month)
        April 2019
        > 4. A recent post of yours (roughly what it said, and when)
        > 5. Accounts you follow (up to three)
        > 6. Devices or browsers you log in with
        >
        > (End of questions)
        > Recovery Desk support
        """;

    assertThat(parse(text))
        .isEqualTo(Map.of(1, "alice@example.com", 2, "+819012345678", 3, "April 2019"));
  }

  @Test
  void the_question_pasted_before_its_answer() {
    var text =
        """
        1. The email address registered on your account (or one you used recently): alice@example.com
        2. The phone number on your account? 090 1234 5678
        3. When you created the account - 2019-04
        """;

    assertThat(parse(text))
        .containsEntry(1, "alice@example.com")
        .containsEntry(2, "090 1234 5678")
        .containsEntry(3, "2019-04");
  }

  @Test
  void japanese_questions_pasted_with_full_width_numbers_keep_the_answer_as_written() {
    var text =
        """
        １．アカウントに登録したメールアドレス（または最近使ったもの）：alice@example.com
        ２．０９０－１２３４－５６７８
        ３．アカウントを作成した時期（年と月）
        2019年4月ごろ
        """;

    assertThat(parse(text))
        .containsEntry(1, "alice@example.com")
        .containsEntry(2, "０９０－１２３４－５６７８")
        .containsEntry(3, "2019年4月ごろ");
  }

  @Test
  void top_posted_answers_win_over_the_quoted_questionnaire_below() {
    var text =
        """
        1. alice@example.com
        2. 09012345678

        On Sat, 21 Nov 2026 at 10:00, Recovery Desk <support+rc-7k3m9q.abc@recovery.local> wrote:
        > 1. The email address registered on your account (or one you used recently)
        > 2. The phone number on your account
        > 3. When you created the account (year and month)
        """;

    assertThat(parse(text)).isEqualTo(Map.of(1, "alice@example.com", 2, "09012345678"));
  }

  @Test
  void an_answer_over_several_lines_and_a_year_that_is_not_a_number() {
    var text =
        """
        3.
        2019 April
        4.
        Went to Kyoto to see the autumn leaves
        around 15 November
        5. Answer: bob
        """;

    assertThat(parse(text))
        .containsEntry(3, "2019 April")
        .containsEntry(4, "Went to Kyoto to see the autumn leaves\naround 15 November")
        .containsEntry(5, "bob");
  }

  @Test
  void signatures_and_footers_end_the_answers() {
    assertThat(parse("1. alice@example.com\n-- \nAlice Example\n+81 90 0000 0000"))
        .isEqualTo(Map.of(1, "alice@example.com"));
    assertThat(parse("6. iPhone\n\nSent from my iPhone")).isEqualTo(Map.of(6, "iPhone"));
    assertThat(parse("6. iPhone\niPhoneから送信")).isEqualTo(Map.of(6, "iPhone"));
  }

  @Test
  void unanswered_questions_are_absent_and_nothing_is_invented() {
    assertThat(parse("1.\n2. \n3. 2019")).isEqualTo(Map.of(3, "2019"));
    assertThat(parse("Thanks, I got back in by myself!")).isEmpty();
    assertThat(parse(null)).isEmpty();
  }
}
