package dev.recoverydesk.recovery.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.recovery.intake.CaseIntake;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An agent's three answers to a mail no case could take; the mail is always kept. */
class MailTriageTest extends IntegrationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired CaseIntake intake;

  private final MailClient mail = mail();

  @AfterEach
  void nobodySignedIn() {
    processEngine.getIdentityService().clearAuthentication();
  }

  @Test
  void a_mail_set_aside_needs_a_reason_and_is_kept() throws Exception {
    var triage = triageFor(newMail("Buy cheap watches"));

    assertThatThrownBy(() -> complete(triage, Map.of("triageDecision", "DISCARD")))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("note");
    complete(triage, Map.of("triageDecision", "DISCARD", "triageNote", "spam"));

    var stored = stored(triage);
    assertThat(stored.get("STATUS")).isEqualTo("DISCARDED");
    assertThat(stored.get("STATUS_REASON")).isEqualTo("spam");
  }

  @Test
  void an_overdue_triage_goes_to_the_supervisors_too() throws Exception {
    var triage = triageFor(newMail("Are you there?"));
    var mail =
        processEngine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(triage.getProcessInstanceId())
            .singleResult()
            .getBusinessKey();

    CaseJobs.runJob(processEngine, mail, "triage-overdue");

    var escalated =
        processEngine.getTaskService().createTaskQuery().taskId(triage.getId()).singleResult();
    assertThat(escalated.getPriority()).isEqualTo(90);
    assertThat(processEngine.getTaskService().getIdentityLinksForTask(triage.getId()))
        .extracting(link -> link.getGroupId())
        .contains("support-supervisors");
  }

  @Test
  void an_agent_opens_a_case_from_a_mail_with_its_sender_as_contact() throws Exception {
    var sender = "triage." + UUID.randomUUID() + "@example.com";
    var triage = triageFor(newMail(sender, "Help", "I cannot get into my account anymore"));
    // The agent reads the mail in the form itself.
    assertThat(processEngine.getTaskService().getVariable(triage.getId(), "mailText"))
        .isEqualTo("I cannot get into my account anymore");
    // Not kept by the engine's history once the task is done.
    assertThat(
            processEngine
                .getHistoryService()
                .createHistoricVariableInstanceQuery()
                .processInstanceId(triage.getProcessInstanceId())
                .variableNameIn("mailText", "subject")
                .count())
        .isZero();
    var username = "tri_" + UUID.randomUUID().toString().substring(0, 8);

    complete(
        triage,
        Map.of("triageDecision", "OPEN_CASE", "username", username, "problem", "LOST_PHONE"));

    var opened =
        jdbc.queryForMap(
            "select case_id, contact_email, problem, channel from recovery_case where username = ?",
            username);
    assertThat(opened.get("CONTACT_EMAIL")).isEqualTo(sender);
    assertThat(opened.get("PROBLEM")).isEqualTo("LOST_PHONE");
    assertThat(opened.get("CHANNEL")).isEqualTo("MAIL");
    var stored = stored(triage);
    assertThat(stored.get("STATUS")).isEqualTo("ATTACHED");
    assertThat(stored.get("CASE_ID")).isEqualTo(opened.get("CASE_ID"));
  }

  @Test
  void an_agent_attaches_a_mail_to_an_existing_case() throws Exception {
    var contact = new EmailAddress("attach." + UUID.randomUUID() + "@example.com");
    var recoveryCase =
        intake.open(
            new CaseIntake.Request(
                "attach_" + UUID.randomUUID().toString().substring(0, 6),
                contact,
                Optional.empty(),
                "",
                Optional.of(Language.EN),
                "REST"));
    var triage = triageFor(newMail(contact.value(), "About my request", "Any news?"));

    assertThatThrownBy(
            () -> complete(triage, Map.of("triageDecision", "ATTACH", "attachToCase", "RC-000000")))
        .isInstanceOf(ProcessEngineException.class);
    complete(
        triage, Map.of("triageDecision", "ATTACH", "attachToCase", recoveryCase.caseId().value()));

    assertThat(stored(triage).get("CASE_ID")).isEqualTo(recoveryCase.caseId().value());
    assertThat(
            jdbc.queryForList(
                "select kind from case_event where case_id = ?",
                String.class,
                recoveryCase.caseId().value()))
        .contains("MAIL_ATTACHED");
  }

  @Test
  void a_completion_cannot_point_the_triage_at_another_mail() throws Exception {
    var contact = new EmailAddress("pointer." + UUID.randomUUID() + "@example.com");
    var recoveryCase =
        intake.open(
            new CaseIntake.Request(
                "pointer_" + UUID.randomUUID().toString().substring(0, 6),
                contact,
                Optional.empty(),
                "",
                Optional.of(Language.EN),
                "REST"));
    var triaged = triageFor(newMail(contact.value(), "Re: my request", "Here is more."));
    var other = triageFor(newMail("Unrelated mail"));
    long otherMail =
        ((Number)
                processEngine
                    .getRuntimeService()
                    .getVariable(other.getProcessInstanceId(), "mailId"))
            .longValue();

    complete(
        triaged,
        Map.of(
            "triageDecision",
            "ATTACH",
            "attachToCase",
            recoveryCase.caseId().value(),
            "mailId",
            otherMail));

    assertThat(stored(triaged).get("CASE_ID")).isEqualTo(recoveryCase.caseId().value());
    assertThat(stored(other).get("STATUS")).isEqualTo("UNMATCHED");
    assertThat(stored(other).get("CASE_ID")).isNull();
  }

  private String newMail(String subject) {
    return newMail("someone." + UUID.randomUUID() + "@example.com", subject, "Hello there.");
  }

  private String newMail(String from, String subject, String body) {
    var message = mail.compose(from, "support@recovery.local", subject, body, Map.of());
    mail.send(message);
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Task triageFor(String messageId) {
    try {
      return triageFor0(messageId);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "mail "
              + messageId
              + " rows "
              + jdbc.queryForList(
                  "select id, status, status_reason, received_at from inbound_mail where message_id = ?",
                  messageId)
              + " stuck "
              + jdbc.queryForList(
                  "select id, status, received_at, subject from inbound_mail where status = 'RECEIVED'")
              + " at "
              + java.time.Instant.now(),
          e);
    }
  }

  private Task triageFor0(String messageId) {
    var mailId =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    jdbc.queryForList(
                        "select id, status, status_reason, case_id from inbound_mail"
                            + " where message_id = ? and status <> 'RECEIVED'",
                        messageId),
                rows -> rows.size() == 1)
            .get(0);
    assertThat(mailId.get("STATUS")).as(mailId.toString()).isEqualTo("UNMATCHED");
    return processEngine
        .getTaskService()
        .createTaskQuery()
        .taskDefinitionKey("triage-mail")
        .processVariableValueEquals("mailId", ((Number) mailId.get("ID")).longValue())
        .singleResult();
  }

  private void complete(Task task, Map<String, Object> variables) {
    processEngine
        .getIdentityService()
        .setAuthentication("agent", java.util.List.of("support-agents"));
    try {
      processEngine.getTaskService().complete(task.getId(), new HashMap<>(variables));
    } finally {
      processEngine.getIdentityService().clearAuthentication();
    }
  }

  private Map<String, Object> stored(Task task) {
    var mailId =
        processEngine
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .variableName("mailId")
            .list()
            .stream()
            // The instance's own, not the task's copy.
            .filter(
                variable -> task.getProcessInstanceId().equals(variable.getActivityInstanceId()))
            .findFirst()
            .orElseThrow()
            .getValue();
    return jdbc.queryForMap(
        "select status, status_reason, case_id from inbound_mail where id = ?", mailId);
  }
}
