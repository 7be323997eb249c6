package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.mail.ReplyAddress;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.intake.CaseIntake;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A user answers the questionnaire before the step that sent it has committed (a quick mail client,
 * a busy desk): the case is not waiting yet. The answer must wait for it, not be set aside as
 * unexpected.
 */
class EarlyReplyTest extends IntegrationTest {

  @Autowired CaseIntake intake;
  @Autowired AccountDirectory accounts;
  @Autowired Inbox inbox;
  @Autowired ReplyAddress replyAddress;
  @Autowired JdbcTemplate jdbc;
  @Autowired MutableClock clock;

  @AfterEach
  void clockBack() {
    clock.reset();
  }

  @Test
  void an_answer_that_overtakes_its_questionnaire_is_taken_once_the_case_waits() throws Exception {
    var username = TestAccounts.create(accounts, "early");
    var caseId = open(username);
    long mailId = inbox.store(answersTo(caseId, username));

    assertThatThrownBy(() -> inbox.process(mailId)).isInstanceOf(Inbox.TooEarly.class);
    assertThat(status(mailId)).isEqualTo("RECEIVED");

    // The questionnaire's step commits: the case waits for the answers.
    CaseJobs.runDue(processEngine, caseId.value());
    inbox.process(mailId);

    assertThat(status(mailId)).isEqualTo("DELIVERED");
  }

  @Test
  void an_answer_to_a_mail_never_recorded_is_set_aside_after_a_while() throws Exception {
    var username = TestAccounts.create(accounts, "early");
    var caseId = open(username);
    long mailId = inbox.store(answersTo(caseId, username));

    clock.advance(Inbox.IN_FLIGHT.plusSeconds(1));
    inbox.process(mailId);

    assertThat(status(mailId)).isEqualTo("UNMATCHED");
    assertThat(
            jdbc.queryForObject(
                "select status_reason from inbound_mail where id = ?", String.class, mailId))
        .isEqualTo("not-waiting");
  }

  /** A case that goes to the questionnaire; its sending step has not run yet. */
  private CaseId open(String username) {
    return intake
        .open(
            new CaseIntake.Request(
                username,
                new EmailAddress(username + "@example.com"),
                Optional.of(Problem.OTHER),
                "",
                Optional.of(Language.EN),
                "REST"))
        .caseId();
  }

  /** The answers, to the case's signed address, in reply to a questionnaire not yet recorded. */
  private byte[] answersTo(CaseId caseId, String username) throws Exception {
    var questionnaire =
        "<"
            + caseId.value().toLowerCase(Locale.ROOT)
            + "."
            + UUID.randomUUID()
            + "@recovery.local>";
    var message =
        mail()
            .compose(
                username + "@example.com",
                replyAddress.forCase(caseId).value(),
                "Re: Please answer a few questions " + caseId.tag(),
                "1. " + username + "@example.com",
                Map.of("In-Reply-To", questionnaire, "References", questionnaire));
    message.saveChanges();
    var raw = new ByteArrayOutputStream();
    message.writeTo(raw);
    return raw.toByteArray();
  }

  private String status(long mailId) {
    return jdbc.queryForObject(
        "select status from inbound_mail where id = ?", String.class, mailId);
  }
}
