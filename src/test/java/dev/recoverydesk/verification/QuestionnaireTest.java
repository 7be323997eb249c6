package dev.recoverydesk.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.Language;
import org.junit.jupiter.api.Test;

/** The questions as the contract numbers and weighs them, and as the mail shows them. */
class QuestionnaireTest {

  @Test
  void six_questions_numbered_in_order_whose_points_make_a_hundred() {
    assertThat(Questionnaire.QUESTIONS).hasSize(6);
    for (int i = 0; i < Questionnaire.QUESTIONS.size(); i++) {
      var question = Questionnaire.QUESTIONS.get(i);
      assertThat(question.number()).isEqualTo(i + 1);
      assertThat(Question.number(i + 1)).contains(question);
    }
    assertThat(Question.number(0)).isEmpty();
    assertThat(Question.number(7)).isEmpty();
    assertThat(Questionnaire.MAX_SCORE).isEqualTo(100);
  }

  @Test
  void the_mail_shows_each_question_on_its_numbered_line_in_the_case_language() {
    assertThat(Questionnaire.lines(Language.EN))
        .startsWith("1. The email address registered on your account (or one you used recently)")
        .endsWith("6. Devices or browsers you log in with");
    assertThat(Questionnaire.lines(Language.JA))
        .startsWith("1. アカウントに登録したメールアドレス（または最近使ったもの）")
        .endsWith("6. ログインに使っている端末やブラウザ");
    assertThat(Questionnaire.end(Language.EN)).isEqualTo("(End of questions)");
    assertThat(Questionnaire.end(Language.JA)).isEqualTo("（質問はここまで）");
    assertThat(Question.PHONE.label(Language.JA)).isEqualTo("電話番号");
  }
}
