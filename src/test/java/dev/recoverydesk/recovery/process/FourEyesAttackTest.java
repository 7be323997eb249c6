package dev.recoverydesk.recovery.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.CaseSteps;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditEntry;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import jakarta.mail.MessagingException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review's promises against people who hold the engine's REST API, as an agent's browser or
 * script would call it: nothing an agent or a supervisor sends with a completion, writes into a
 * task's variables, or changes on a task's assignee can skip the second approval, let a reviewer
 * approve their own review, or count a completion that chose nothing. Moving instances around the
 * review (modification, variables, messages, signals, starts) is refused to them and audited for
 * administrators.
 */
class FourEyesAttackTest extends IntegrationTest {

  private static final String SECOND_SUPERVISOR = "supervisor2";

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired ObjectMapper json;
  @Autowired AuditLog audit;
  @Autowired IdentityService identity;

  private final MailClient mail = mail();
  private ApiClient api;
  private CaseSteps steps;
  private String username;
  private String address;

  @BeforeEach
  void anAccountAndASecondSupervisor() {
    api = new ApiClient(port);
    steps = new CaseSteps(processEngine);
    username = "fay_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    address = username + "@example.com";
    accounts.save(
        new Account(
            username,
            "Fay",
            new EmailAddress(address),
            List.of(),
            new PhoneNumber("+819033334444"),
            "docomo",
            "en",
            LocalDate.of(2019, 4, 1),
            new Account.TwoFactor(true, false, false),
            List.of(
                new Account.Device(
                    "Pixel 8", "Chrome", Instant.now().minus(Duration.ofDays(3)), "JP")),
            List.of(new Account.Post(LocalDate.of(2026, 11, 15), "Autumn leaves in Kyoto")),
            List.of("bob", "carol", "dave")));
    if (identity.createUserQuery().userId(SECOND_SUPERVISOR).count() == 0) {
      var user = identity.newUser(SECOND_SUPERVISOR);
      user.setPassword(SECOND_SUPERVISOR);
      identity.saveUser(user);
      identity.createMembership(SECOND_SUPERVISOR, "support-agents");
      identity.createMembership(SECOND_SUPERVISOR, "support-supervisors");
    }
  }

  // --- the review's path ---------------------------------------------------------------------

  @Test
  void completion_variables_do_not_skip_the_second_approval() throws Exception {
    var caseId = inReview();

    var completed =
        complete(
            caseId,
            "review-identity",
            "agent:agent",
            Map.of(
                "decision",
                "APPROVE",
                "secondApproval",
                false,
                "recommendation",
                "APPROVE",
                "score",
                100,
                "proofs",
                3,
                "riskSignals",
                0,
                "replySignedToken",
                true));

    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
    steps.assertWaitingAt(caseId, "approve-reset");
    assertThat(status(caseId)).isEqualTo("AWAITING_APPROVAL");
    assertThat(CaseJobs.jobs(processEngine, caseId, "start-reset-hold")).isEmpty();
  }

  @Test
  void an_agent_cannot_write_a_task_s_variables() throws Exception {
    var caseId = inReview();
    var task = steps.task(caseId, "review-identity");

    assertThat(
            api.put(
                    "/engine-rest/task/" + task + "/variables/secondApproval",
                    "agent:agent",
                    "{\"value\":false,\"type\":\"Boolean\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            api.post(
                    "/engine-rest/task/" + task + "/variables",
                    "agent:agent",
                    "{\"modifications\":{\"recommendation\":{\"value\":\"APPROVE\"}}}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            api.put(
                    "/engine-rest/task/" + task + "/localVariables/decision",
                    "agent:agent",
                    "{\"value\":\"APPROVE\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            api.delete("/engine-rest/task/" + task + "/variables/reviewDue", "agent:agent")
                .statusCode())
        .isEqualTo(403);

    complete(caseId, "review-identity", "agent:agent", Map.of("decision", "APPROVE"));
    steps.assertWaitingAt(caseId, "approve-reset");
  }

  @Test
  void the_evidence_a_supervisor_reads_is_the_desk_s_not_the_reviewer_s() throws Exception {
    var caseId = inReview();
    complete(
        caseId,
        "review-identity",
        "agent:agent",
        Map.of(
            "decision",
            "APPROVE",
            "evidence",
            "All six answers match.",
            "proofsAndSignals",
            "Independent proofs (3)",
            "score",
            100,
            "reviewer",
            "someone-else"));

    var task = steps.task(caseId, "approve-reset");
    var form =
        json.readTree(
            api.get(
                    "/engine-rest/task/" + task + "/form-variables?deserializeValues=false",
                    "supervisor:supervisor")
                .body());
    assertThat(form.get("evidence").get("type").asText()).isEqualTo("Json");
    assertThat(form.get("evidence").get("value").asText())
        .contains(address)
        .doesNotContain("All six answers match.");
    var proofs = json.readTree(form.get("proofsAndSignals").get("value").asText());
    assertThat(proofs.findValuesAsText("found")).containsOnlyOnce("present");
    assertThat(form.get("score").get("value").asInt()).isLessThan(100);
    assertThat(form.get("reviewer").get("value").asText()).isEqualTo("agent");
    assertThat(form.get("decision").get("value").isNull()).isTrue();
  }

  // --- what a decision must say ----------------------------------------------------------------

  @Test
  void more_information_without_the_question_to_ask_is_refused() throws Exception {
    var caseId = inReview();

    var silent =
        complete(caseId, "review-identity", "agent:agent", Map.of("decision", "MORE_INFO"));
    assertThat(silent.statusCode()).as(silent.body()).isEqualTo(400);
    assertThat(json.readTree(silent.body()).get("message").asText())
        .contains("the question we mail to the user");
    var blank =
        complete(
            caseId,
            "review-identity",
            "agent:agent",
            Map.of("decision", "MORE_INFO", "moreInfoQuestion", "   "));
    assertThat(blank.statusCode()).as(blank.body()).isEqualTo(400);
    steps.assertWaitingAt(caseId, "review-identity");

    var asked =
        complete(
            caseId,
            "review-identity",
            "agent:agent",
            Map.of("decision", "MORE_INFO", "moreInfoQuestion", "Which city was your last post?"));
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(204);
    CaseJobs.runJob(processEngine, caseId, "send-questionnaire");
    mail.awaitMail(
        address, message -> MailClient.text(message).contains("Which city was your last post?"));
  }

  @Test
  void a_rejection_gives_one_of_the_listed_reasons_or_none() throws Exception {
    var caseId = inReview();

    var invented =
        complete(
            caseId,
            "review-identity",
            "agent:agent",
            Map.of("decision", "REJECT", "rejectReason", "YOU_LOOK_SUSPICIOUS"));
    assertThat(invented.statusCode()).as(invented.body()).isEqualTo(400);
    assertThat(json.readTree(invented.body()).get("message").asText())
        .contains("ANSWERS_DID_NOT_MATCH", "NOT_ENOUGH_INFORMATION", "SECURITY_CONCERN");
    steps.assertWaitingAt(caseId, "review-identity");

    var listed =
        complete(
            caseId,
            "review-identity",
            "agent:agent",
            Map.of("decision", "REJECT", "rejectReason", "SECURITY_CONCERN"));
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(204);
  }

  // --- who reviewed --------------------------------------------------------------------------

  @Test
  void a_supervisor_who_reviewed_cannot_approve_by_naming_another_reviewer() throws Exception {
    var caseId = inReview();
    complete(
        caseId,
        "review-identity",
        "supervisor:supervisor",
        Map.of("decision", "APPROVE", "reviewer", "agent"));
    steps.assertWaitingAt(caseId, "approve-reset");

    var refused =
        complete(
            caseId,
            "approve-reset",
            "supervisor:supervisor",
            Map.of("decision", "APPROVE", "reviewer", "agent"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Four-eyes");
    steps.assertWaitingAt(caseId, "approve-reset");
    assertThat(
            audit.about("case:" + caseId, 20).stream()
                .filter(entry -> entry.action().equals("IDENTITY_REVIEWED"))
                .map(entry -> entry.details().get("by")))
        .containsExactly("supervisor");
  }

  @Test
  void the_reviewer_is_who_completed_whatever_the_assignee_or_delegation_say() throws Exception {
    var caseId = inReview();
    var review = steps.task(caseId, "review-identity");
    // A supervisor hands the review to an agent, then completes it as themselves.
    assertThat(
            api.post(
                    "/engine-rest/task/" + review + "/assignee",
                    "supervisor:supervisor",
                    "{\"userId\":\"agent\"}")
                .statusCode())
        .isEqualTo(204);
    complete(caseId, "review-identity", "supervisor:supervisor", Map.of("decision", "APPROVE"));

    var approval = steps.task(caseId, "approve-reset");
    // Assigned to the other supervisor, or delegated to them: the reviewer is still refused.
    api.post(
        "/engine-rest/task/" + approval + "/assignee",
        "supervisor:supervisor",
        "{\"userId\":\"" + SECOND_SUPERVISOR + "\"}");
    assertThat(
            complete(
                    caseId, "approve-reset", "supervisor:supervisor", Map.of("decision", "APPROVE"))
                .statusCode())
        .isEqualTo(403);
    // Delegated to the other supervisor, who resolves it with an approval: the reviewer, owner
    // again, still cannot complete it.
    assertThat(
            api.post(
                    "/engine-rest/task/" + approval + "/delegate",
                    "supervisor:supervisor",
                    "{\"userId\":\"" + SECOND_SUPERVISOR + "\"}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            api.post(
                    "/engine-rest/task/" + approval + "/resolve",
                    SECOND_SUPERVISOR + ":" + SECOND_SUPERVISOR,
                    "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}")
                .statusCode())
        .isEqualTo(204);
    assertThat(
            complete(
                    caseId, "approve-reset", "supervisor:supervisor", Map.of("decision", "APPROVE"))
                .statusCode())
        .isEqualTo(403);
    steps.assertWaitingAt(caseId, "approve-reset");

    var approved =
        complete(
            caseId,
            "approve-reset",
            SECOND_SUPERVISOR + ":" + SECOND_SUPERVISOR,
            Map.of("decision", "APPROVE"));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
    steps.assertWaitingAt(caseId, "start-reset-hold");
    // The case records who decided: the signed-in users who completed the tasks.
    var decisions =
        json.readTree(api.get("/api/recovery-cases/" + caseId, "agent:agent").body())
            .get("decisions");
    assertThat(decisions.findValuesAsText("task"))
        .containsExactly("review-identity", "approve-reset");
    assertThat(decisions.findValuesAsText("decidedBy"))
        .containsExactly("supervisor", SECOND_SUPERVISOR);
  }

  @Test
  void an_agent_assigned_the_second_approval_cannot_give_it() throws Exception {
    var caseId = inReview();
    complete(caseId, "review-identity", "supervisor:supervisor", Map.of("decision", "APPROVE"));
    var approval = steps.task(caseId, "approve-reset");
    api.post(
        "/engine-rest/task/" + approval + "/assignee",
        SECOND_SUPERVISOR + ":" + SECOND_SUPERVISOR,
        "{\"userId\":\"agent\"}");

    var refused = complete(caseId, "approve-reset", "agent:agent", Map.of("decision", "APPROVE"));

    assertThat(refused.statusCode()).isIn(403);
    steps.assertWaitingAt(caseId, "approve-reset");
  }

  // --- each task's own choice ----------------------------------------------------------------

  @Test
  void an_approval_that_chooses_nothing_is_refused_and_never_inherits_the_review()
      throws Exception {
    var caseId = inReview();
    complete(caseId, "review-identity", "agent:agent", Map.of("decision", "APPROVE"));

    var nothing = complete(caseId, "approve-reset", "supervisor:supervisor", Map.of());

    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(nothing.body()).contains("Choose a decision in this task");
    var noteOnly =
        complete(
            caseId,
            "approve-reset",
            "supervisor:supervisor",
            Map.of("decisionNote", "Looks fine to me"));
    assertThat(noteOnly.statusCode()).isEqualTo(400);
    steps.assertWaitingAt(caseId, "approve-reset");

    var rejected =
        complete(caseId, "approve-reset", "supervisor:supervisor", Map.of("decision", "REJECT"));
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(204);
    steps.assertWaitingAt(caseId, "reject-case");
  }

  @Test
  void a_review_that_chooses_nothing_is_refused() throws Exception {
    var caseId = inReview();

    var nothing = complete(caseId, "review-identity", "agent:agent", Map.of("score", 100));

    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(nothing.body()).contains("Choose a decision in this task");
    steps.assertWaitingAt(caseId, "review-identity");
  }

  // --- steering instances around the review --------------------------------------------------

  @Test
  void agents_and_supervisors_cannot_move_instances_around_the_review() throws Exception {
    var caseId = inReview();
    var instance = verificationInstance(caseId);
    var execution =
        processEngine
            .getRuntimeService()
            .createExecutionQuery()
            .processInstanceId(instance)
            .activityId("review-identity")
            .singleResult()
            .getId();
    for (var who : List.of("agent:agent", "supervisor:supervisor")) {
      assertThat(
              api.post(
                      "/engine-rest/process-instance/" + instance + "/modification",
                      who,
                      "{\"instructions\":[{\"type\":\"startBeforeActivity\","
                          + "\"activityId\":\"verification-approved\"},"
                          + "{\"type\":\"cancel\",\"activityId\":\"review-identity\"}]}")
                  .statusCode())
          .as(who + " modifies the instance")
          .isEqualTo(403);
      assertThat(
              api.put(
                      "/engine-rest/process-instance/" + instance + "/variables/secondApproval",
                      who,
                      "{\"value\":false,\"type\":\"Boolean\"}")
                  .statusCode())
          .as(who + " sets a process variable")
          .isEqualTo(403);
      assertThat(
              api.post(
                      "/engine-rest/process-instance/" + instance + "/variables",
                      who,
                      "{\"modifications\":{\"verification\":{\"value\":\"APPROVED\"}}}")
                  .statusCode())
          .as(who + " modifies process variables")
          .isEqualTo(403);
      assertThat(
              api.delete("/engine-rest/process-instance/" + instance + "/variables/reviewDue", who)
                  .statusCode())
          .as(who + " deletes a process variable")
          .isEqualTo(403);
      assertThat(
              api.put(
                      "/engine-rest/execution/" + execution + "/localVariables/decision",
                      who,
                      "{\"value\":\"APPROVE\"}")
                  .statusCode())
          .as(who + " sets an execution's variable")
          .isEqualTo(403);
      assertThat(
              api.post(
                      "/engine-rest/message",
                      who,
                      "{\"messageName\":\"questionnaire-reply\",\"businessKey\":\""
                          + caseId
                          + "\"}")
                  .statusCode())
          .as(who + " correlates a message")
          .isIn(403, 400);
      assertThat(
              api.post(
                      "/engine-rest/message",
                      who,
                      "{\"messageName\":\"case-cancel-requested\",\"businessKey\":\""
                          + caseId
                          + "\"}")
                  .statusCode())
          .as(who + " correlates the cancel message")
          .isEqualTo(403);
      assertThat(
              api.post("/engine-rest/execution/" + execution + "/signal", who, "{}").statusCode())
          .as(who + " signals an execution")
          .isEqualTo(403);
      assertThat(
              api.post(
                      "/engine-rest/process-definition/key/identity-verification/start",
                      who,
                      "{\"businessKey\":\"" + caseId + "\"}")
                  .statusCode())
          .as(who + " starts a process")
          .isEqualTo(403);
      assertThat(
              api.post(
                      "/engine-rest/process-definition/key/contact-check/start",
                      who,
                      "{\"businessKey\":\"RC-000000\"}")
                  .statusCode())
          .as(who + " starts the contact check")
          .isEqualTo(403);
      assertThat(api.delete("/engine-rest/process-instance/" + instance, who).statusCode())
          .as(who + " deletes the instance")
          .isEqualTo(403);
    }
    steps.assertWaitingAt(caseId, "review-identity");
    assertThat(status(caseId)).isEqualTo("IN_REVIEW");
  }

  @Test
  void an_administrator_may_steer_an_instance_and_each_step_is_audited() throws Exception {
    var caseId = inReview();
    var instance = verificationInstance(caseId);

    var set =
        api.put(
            "/engine-rest/process-instance/" + instance + "/variables/adminNote",
            "admin:admin",
            "{\"value\":\"checked by phone\",\"type\":\"String\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
    var modified =
        api.post(
            "/engine-rest/process-instance/" + instance + "/modification",
            "admin:admin",
            "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"review-identity\"},"
                + "{\"type\":\"startBeforeActivity\",\"activityId\":\"review-identity\"}]}");
    assertThat(modified.statusCode()).as(modified.body()).isEqualTo(204);
    var signalled =
        api.post("/engine-rest/signal", "admin:admin", "{\"name\":\"no-such-signal-in-the-desk\"}");
    assertThat(signalled.statusCode()).as(signalled.body()).isEqualTo(204);

    var entries = audit.about("case:" + caseId, 50);
    assertThat(entries)
        .filteredOn(entry -> entry.action().equals("ENGINE_SetVariable"))
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.actor()).isEqualTo("admin");
              assertThat(entry.details()).containsEntry("processInstanceId", instance);
            });
    assertThat(entries)
        .filteredOn(entry -> entry.action().equals("ENGINE_ModifyProcessInstance"))
        .extracting(AuditEntry::actor)
        .containsExactly("admin");
    assertThat(audit.about("engine", 10))
        .filteredOn(entry -> entry.action().equals("ENGINE_SignalEvent"))
        .isNotEmpty();
    // The variable's value is not copied into the audit log.
    assertThat(entries.toString()).doesNotContain("checked by phone");
  }

  @Test
  void a_reset_reached_around_the_review_does_not_happen() throws Exception {
    var caseId = inReview();
    var root = steps.root(caseId).getId();
    // Even an administrator who moves the case straight to the reset cannot make it happen.
    var modified =
        api.post(
            "/engine-rest/process-instance/" + root + "/modification",
            "admin:admin",
            "{\"skipCustomListeners\":true,\"instructions\":["
                + "{\"type\":\"cancel\",\"activityId\":\"verify-identity\"},"
                + "{\"type\":\"startBeforeActivity\",\"activityId\":\"reset-two-factor\"}]}");
    assertThat(modified.statusCode()).as(modified.body()).isEqualTo(204);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CaseJobs.runJob(processEngine, caseId, "start-reset-hold"))
        .hasMessageContaining("No reset for " + caseId);

    assertThat(accounts.find(username).orElseThrow().twoFactor().sms()).isTrue();
    assertThat(status(caseId)).isNotEqualTo("RESET_PENDING");
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A case whose questionnaire was answered in part from the registered address: one proof. */
  private String inReview() throws Exception {
    var response =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of("username", username, "contactEmail", address, "problem", "OTHER")));
    assertThat(response.statusCode()).isEqualTo(202);
    var caseId = json.readTree(response.body()).get("caseId").asText();
    CaseJobs.runJob(processEngine, caseId, "send-questionnaire");
    var questionnaire = mail.awaitMail(address, subjectContains(caseId));
    mail.send(mail.reply(questionnaire, address, "1. " + address + "\n3. 2019-04"));
    await().atMost(Duration.ofSeconds(20)).until(() -> steps.waitsAt(caseId, "score-answers"));
    CaseJobs.runJob(processEngine, caseId, "score-answers");
    steps.assertWaitingAt(caseId, "review-identity");
    return caseId;
  }

  private HttpResponse<String> complete(
      String caseId, String taskKey, String credentials, Map<String, Object> variables)
      throws Exception {
    var task = steps.task(caseId, taskKey);
    var body = json.createObjectNode();
    var values = body.putObject("variables");
    variables.forEach((name, value) -> values.putObject(name).putPOJO("value", value));
    return api.post(
        "/engine-rest/task/" + task + "/complete", credentials, json.writeValueAsString(body));
  }

  private String verificationInstance(String caseId) {
    return processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("identity-verification")
        .processInstanceBusinessKey(caseId)
        .singleResult()
        .getId();
  }

  private String status(String caseId) throws Exception {
    JsonNode body = json.readTree(api.get("/api/recovery-cases/" + caseId, "agent:agent").body());
    return body.get("status").asText();
  }

  private static java.util.function.Predicate<jakarta.mail.internet.MimeMessage> subjectContains(
      String text) {
    return message -> {
      try {
        return message.getSubject() != null && message.getSubject().contains(text);
      } catch (MessagingException e) {
        return false;
      }
    };
  }
}
