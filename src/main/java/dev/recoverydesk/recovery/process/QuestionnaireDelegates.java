package dev.recoverydesk.recovery.process;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.cases.CaseReviews;
import dev.recoverydesk.verification.Questionnaire;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of {@code account-recovery} that mail the questionnaire: the questions and their
 * closing line come from {@link Questionnaire}, in the case's language.
 */
@Configuration(proxyBeanMethods = false)
class QuestionnaireDelegates {

  @Bean
  JavaDelegate sendQuestionnaire(CaseRecords records, CaseReviews reviews, CaseMail mail) {
    return execution -> {
      var recoveryCase = mail.load(CaseDelegates.caseId(execution));
      // Sent again only when the latest review asked for more: its note says what is missing.
      var moreInfo =
          reviews
              .latest(recoveryCase.caseId(), CaseReviews.REVIEW)
              .filter(review -> "MORE_INFO".equals(review.decision()));
      mail.toContact(
          recoveryCase,
          "questionnaire",
          questionnaireModel(
              recoveryCase.language(),
              false,
              moreInfo.map(review -> review.note() == null ? "" : review.note()).orElse("")));
      boolean askedAgain = moreInfo.isPresent();
      records.status(
          recoveryCase.caseId(),
          CaseStatus.AWAITING_USER,
          askedAgain ? "more information asked" : "questionnaire sent");
    };
  }

  @Bean
  JavaDelegate sendQuestionnaireReminder(CaseMail mail) {
    return execution -> {
      var recoveryCase = mail.load(CaseDelegates.caseId(execution));
      mail.toContact(
          recoveryCase, "questionnaire", questionnaireModel(recoveryCase.language(), true, ""));
    };
  }

  static Map<String, Object> questionnaireModel(
      Language language, boolean reminder, String agentNote) {
    return Map.of(
        "questions",
        Questionnaire.lines(language),
        "endOfQuestions",
        Questionnaire.end(language),
        "reminder",
        reminder,
        "agentNote",
        agentNote);
  }
}
