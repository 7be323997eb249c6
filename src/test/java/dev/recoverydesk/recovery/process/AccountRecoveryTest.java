package dev.recoverydesk.recovery.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.audit.AuditEntry;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.cases.CaseReviews;
import dev.recoverydesk.twofactor.BackupCodes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The support path of {@code account-recovery}, driven like the diagram: a request over the API,
 * the questionnaire and its answers over real mail, the agent's review and the supervisor's second
 * approval as the engine sees them, the timers run by hand, and the one-time page.
 */
class AccountRecoveryTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired ObjectMapper json;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuditLog audit;
  @Autowired BackupCodes backupCodes;
  @Autowired DeviceIds deviceIds;
  @Autowired CaseRecords records;
  @Autowired CaseReviews reviews;
  @Autowired MutableClock clock;

  private final MailClient mail = mail();
  private ApiClient api;
  private String username;
  private String address;

  @BeforeEach
  void anAccount() {
    api = new ApiClient(port);
    username = "erin_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    address = username + "@example.com";
    accounts.save(
        new Account(
            username,
            "Erin",
            new EmailAddress(address),
            List.of(new EmailAddress(username + ".old@example.com")),
            new PhoneNumber("+819011112222"),
            "docomo",
            "en",
            LocalDate.of(2019, 4, 1),
            new Account.TwoFactor(true, false, false),
            List.of(
                new Account.Device(
                    "iPhone 15", "Safari", Instant.now().minus(Duration.ofDays(3)), "JP")),
            List.of(
                new Account.Post(
                    LocalDate.of(2026, 11, 15), "Went to Kyoto to see the autumn leaves")),
            List.of("bob", "carol", "dave")));
  }

  @AfterEach
  void nobodySignedIn() {
    processEngine.getIdentityService().clearAuthentication();
  }

  @Test
  void a_lost_phone_case_goes_from_request_to_new_codes_that_verify() throws Exception {
    var caseId = open("LOST_PHONE");
    var instance = instance(caseId);
    assertWaitingAt(instance, "send-guidance");
    assertThat(status(caseId)).isEqualTo("OPEN");

    // Seed 002 first: the self-service ways back in. The user answers NO.
    runJob(instance, "send-guidance");
    var guidance = mail.awaitMail(address, subjectContains("Lost your phone"));
    // SMS only and still signed in on the web: removing the phone turns 2FA off.
    assertThat(MailClient.text(guidance))
        .contains("Remove the phone number", "+81 •••••• 2222")
        .doesNotContain("Have a backup code?");
    mail.send(mail.reply(guidance, address, "No, I have no backup code left."));
    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(instance, "send-questionnaire"));

    runJob(instance, "send-questionnaire");
    assertThat(status(caseId)).isEqualTo("AWAITING_USER");
    var questionnaire = mail.awaitMail(address, subjectContains("Please answer"));
    assertThat(MailClient.text(questionnaire))
        .contains("1. The email address registered on your account")
        .contains("6. Devices or browsers you log in with");

    mail.send(
        mail.reply(
            questionnaire,
            address,
            """
            1. %s
            2. 090-1111-2222
            3. April 2019
            4. Kyoto, the autumn leaves, mid November
            5. bob and carol
            6. my iPhone 15
            """
                .formatted(address)));
    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(instance, "score-answers"));
    runJob(instance, "score-answers");
    assertWaitingAt(instance, "review-identity");
    var reviewed = read(caseId);
    assertThat(reviewed.get("status").asText()).isEqualTo("IN_REVIEW");
    // Every answer matches; two of three followed accounts named: 100 - 5.
    assertThat(reviewed.get("score").asInt()).isEqualTo(95);
    assertThat(reviewed.get("answers").get("1").asText()).isEqualTo(address);
    assertThat(reviewed.get("answers").get("2").asText()).isEqualTo("090-1111-2222");

    decide("agent", "review-identity", "APPROVE");
    assertWaitingAt(instance, "approve-reset");
    assertThat(status(caseId)).isEqualTo("AWAITING_APPROVAL");
    decide("supervisor", "approve-reset", "APPROVE");
    runJob(instance, "start-reset-hold");
    assertWaitingAt(instance, "reset-hold");
    assertThat(status(caseId)).isEqualTo("RESET_PENDING");

    runJob(instance, "reset-hold");
    runJob(instance, "reset-second-factors");
    assertThat(instance).isEnded().hasPassed("case-resolved");
    assertThat(status(caseId)).isEqualTo("RESOLVED");
    assertThat(accounts.find(username).orElseThrow().twoFactor())
        .isEqualTo(new Account.TwoFactor(false, false, false));
    // What the agents read (answers, mail, notes) is the desk's record: no history keeps a copy.
    assertThat(evidenceKeptBy(caseId, "identity-verification")).isZero();
    assertThat(evidenceKeptBy(caseId, "account-recovery")).isZero();
    assertThat(evidenceKeptBy(caseId, "two-factor-reset")).isZero();
    // History itself is on: the review's score, which is no free text, is kept.
    assertThat(scoreKeptBy(caseId, "identity-verification")).isPositive();

    var codesMail = mail.awaitMail(address, subjectContains("new backup codes"));
    var link = link(MailClient.text(codesMail));

    var browser = new Browser();
    var page = browser.get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Show my new codes").doesNotContain("backup-code\">");
    assertThat(browser.postWithoutCsrf(link).statusCode()).isEqualTo(403);
    var shown = browser.submit(link, page.body());
    assertThat(shown.statusCode()).isEqualTo(200);
    var codes = codes(shown.body());
    assertThat(codes).hasSize(5);
    assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
    // Saved as a text file by the browser itself, from the page: no second request to cache.
    var download = Jsoup.parse(shown.body()).selectFirst("a#download-codes");
    assertThat(download.attr("download")).isEqualTo("backup-codes-" + username + ".txt");
    assertThat(download.attr("href")).startsWith("data:text/plain;charset=utf-8,");
    assertThat(
            URLDecoder.decode(
                download.attr("href").substring(download.attr("href").indexOf(',') + 1),
                StandardCharsets.UTF_8))
        .contains(codes);
    assertThat(shown.body()).contains("id=\"print-codes\"");
    for (MimeMessage sent : mail.inbox(address)) {
      assertThat(MailClient.text(sent) + MailClient.html(sent))
          .doesNotContain(codes)
          .doesNotContain(codes.stream().map(code -> code.replace(" ", "")).toList());
    }
    assertThat(browser.get(link).statusCode()).isEqualTo(410);
    assertThat(browser.submit(link, page.body()).statusCode()).isEqualTo(410);

    var check =
        api.post(
            "/api/accounts/" + username + "/backup-codes/verify",
            null,
            "{\"code\":\"" + codes.get(0) + "\"}");
    assertThat(check.statusCode()).isEqualTo(200);
  }

  private long scoreKeptBy(String caseId, String processKey) {
    var history = processEngine.getHistoryService();
    var instance =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(caseId)
            .processDefinitionKey(processKey)
            .singleResult();
    return history
        .createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId())
        .variableName("score")
        .count();
  }

  private long evidenceKeptBy(String caseId, String processKey) {
    var history = processEngine.getHistoryService();
    var instance =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(caseId)
            .processDefinitionKey(processKey)
            .singleResult();
    return history
        .createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId())
        .variableNameIn(
            "evidence",
            "mailThread",
            "proofsAndSignals",
            "timeline",
            "review",
            "decisionNote",
            "reviewNote",
            "moreInfoQuestion")
        .count();
  }

  @Test
  void a_rejected_case_is_told_so() throws Exception {
    var caseId = open("OTHER");
    var instance = answered(caseId);

    decide("agent", "review-identity", "REJECT", null, Map.of("rejectReason", "SECURITY_CONCERN"));
    runJob(instance, "reject-case");

    assertThat(instance).isEnded().hasPassed("case-rejected");
    // The job that carries the rejection out names who decided it.
    assertThat(audit.about("case:" + caseId, 50))
        .filteredOn(entry -> entry.action().equals("CASE_REJECTED"))
        .singleElement()
        .extracting(AuditEntry::details)
        .isEqualTo(Map.of("reason", "SECURITY_CONCERN", "decidedBy", "agent"));
    assertThat(status(caseId)).isEqualTo("REJECTED");
    assertThat(read(caseId).get("resolution").asText()).contains("SECURITY_CONCERN");
    var rejection = mail.awaitMail(address, subjectContains("could not verify"));
    assertThat(MailClient.text(rejection)).contains("signs that someone else");
  }

  @Test
  void more_information_asks_again_and_waits_again() throws Exception {
    var caseId = open("OTHER");
    var instance = answered(caseId);

    decide("agent", "review-identity", "MORE_INFO", "Which city was your last post about?");
    assertWaitingAt(instance, "send-questionnaire");
    runJob(instance, "send-questionnaire");

    assertWaitingAt(instance, "wait-for-answers");
    assertThat(status(caseId)).isEqualTo("AWAITING_USER");
    mail.awaitMail(
        address,
        message -> MailClient.text(message).contains("Which city was your last post about?"));
  }

  @Test
  void a_request_without_a_problem_is_classified_from_its_words() throws Exception {
    var response =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of(
                    "username",
                    username,
                    "contactEmail",
                    address,
                    "description",
                    "SMSの認証コードが届かないです",
                    "locale",
                    "ja")));
    var caseId = json.readTree(response.body()).get("caseId").asText();

    assertThat(read(caseId).get("problem").asText()).isEqualTo("SMS_NOT_DELIVERED");
    // The table decided on which words it found; its history keeps yes or no, not the words.
    var decided =
        processEngine
            .getHistoryService()
            .createHistoricDecisionInstanceQuery()
            .decisionDefinitionKey("problem-type")
            .processInstanceId(instance(caseId).getId())
            .includeInputs()
            .singleResult();
    assertThat(decided.getInputs())
        .extracting(input -> input.getClauseName() + ": " + input.getValue())
        .containsExactlyInAnyOrder(
            "Mentions backup codes: false",
            "Mentions texts that do not arrive: true",
            "Mentions a lost, stolen, broken or new phone: false");
  }

  @Test
  void a_hard_bounce_from_the_contact_address_suspends_the_case_for_an_agent() throws Exception {
    var caseId = open("OTHER");
    var instance = instance(caseId);
    runJob(instance, "send-questionnaire");
    var questionnaire = mail.awaitMail(address, subjectContains(caseId));
    var bounceKey =
        jdbc.queryForObject(
            "select bounce_key from outbound_mail where message_id = ?",
            String.class,
            questionnaire.getMessageID());
    String raw;
    try (var in = new ClassPathResource("mail/dsn-bounce.eml").getInputStream()) {
      raw =
          new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
              .replace("{{BOUNCE_KEY}}", bounceKey)
              .replace("{{FROM}}", address)
              .replace("{{CASE_TAG}}", "[" + caseId + "]")
              .replace("{{IN_REPLY_TO}}", questionnaire.getMessageID())
              .replace("{{MESSAGE_ID}}", "<" + UUID.randomUUID() + "@mx.example.com>");
    }
    mail.sendRaw(
        raw.getBytes(StandardCharsets.ISO_8859_1),
        "support+bounce-" + bounceKey + "@recovery.local");

    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  processEngine
                          .getRuntimeService()
                          .createProcessInstanceQuery()
                          .processInstanceId(instance.getId())
                          .suspended()
                          .count()
                      == 1);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "Not suspended after the bounce. Latest mail in: "
              + jdbc.queryForList(
                  "select id, status, status_reason, matched_by, case_id, subject from inbound_mail"
                      + " order by id desc limit 5")
              + "; timeline: "
              + records.timeline(new CaseId(caseId)),
          e);
    }
    assertThat(read(caseId).get("timeline").findValuesAsText("kind"))
        .contains("CONTACT_BOUNCED", "CASE_SUSPENDED");
    assertThat(
            processEngine
                .getTaskService()
                .createTaskQuery()
                .taskDefinitionKey("triage-mail")
                .processInstanceBusinessKey(caseId)
                .count())
        .isEqualTo(1);
    var triage =
        processEngine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processDefinitionKey("inbound-mail-triage")
            .processInstanceBusinessKey(caseId)
            .singleResult();
    var bounceId =
        jdbc.queryForObject(
            "select id from inbound_mail where subject like '%Undeliver%' or subject like '%Delivery%'"
                + " order by id desc limit 1",
            Long.class);
    assertThat(processEngine.getRuntimeService().getVariable(triage.getId(), "mailId"))
        .as("the triage names the stored bounce, so the agent reads what came back")
        .isEqualTo(bounceId);
  }

  @Test
  void replies_to_a_closed_case_are_kept_and_answered_once() throws Exception {
    var caseId = open("OTHER");
    var instance = answered(caseId);
    decide("agent", "review-identity", "REJECT");
    runJob(instance, "reject-case");
    var questionnaire = mail.awaitMail(address, subjectContains(caseId));

    var first = mail.reply(questionnaire, address, "But it is really me!");
    mail.send(first);
    var second = mail.reply(questionnaire, address, "Please, it is me.");
    mail.send(second);

    for (var reply : List.of(first, second)) {
      var messageId = reply.getMessageID();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  jdbc.queryForList(
                      "select status_reason from inbound_mail where message_id = ?",
                      String.class,
                      messageId),
              reasons -> reasons.equals(List.of("not-waiting")));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> mail.inbox(address).stream().anyMatch(subjectContains("is closed")));
    assertThat(mail.inbox(address).stream().filter(subjectContains("is closed")).count())
        .isEqualTo(1);
  }

  @Test
  void every_address_on_file_hears_of_the_hold_and_the_cancel_link_stops_the_reset()
      throws Exception {
    var contact = username + ".new@example.net";
    var caseId = open("OTHER", contact);
    var instance = approvedAndHeld(caseId, contact);
    assertThat(audit.about("case:" + caseId, 50))
        .filteredOn(entry -> entry.action().equals("RESET_APPROVED"))
        .singleElement()
        .extracting(AuditEntry::details)
        .satisfies(details -> assertThat(details).containsEntry("decidedBy", "supervisor"));

    var toOwner = mail.awaitMail(address, subjectContains("will be reset"));
    mail.awaitMail(contact, subjectContains("will be reset"));
    assertThat(MailClient.text(toOwner)).contains("CANCEL");
    var phone = api.get("/api/sms-outbox/+819011112222", "admin:admin").body();
    assertThat(phone).contains("@" + username);

    var link = link(MailClient.text(toOwner), "cancel");
    var browser = new Browser();
    var page = browser.get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Stop the reset");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(status(caseId)).isEqualTo("RESET_PENDING");
    var stopped = browser.submit(link, page.body());
    assertThat(stopped.statusCode()).isEqualTo(200);
    assertThat(stopped.body()).contains("reset-cancelled");

    assertThat(instance).isEnded().hasPassed("case-cancelled");
    assertThat(passed(instance, "reset-second-factors")).isFalse();
    assertThat(status(caseId)).isEqualTo("CANCELLED");
    assertThat(browser.get(link).statusCode()).isEqualTo(410);
    assertThat(accounts.find(username).orElseThrow().twoFactor().sms()).isTrue();
  }

  @Test
  void a_cancel_reply_from_the_registered_address_stops_the_reset() throws Exception {
    var contact = username + ".new@example.net";
    var caseId = open("OTHER", contact);
    var instance = approvedAndHeld(caseId, contact);
    var toOwner = mail.awaitMail(address, subjectContains("will be reset"));

    var cancel = mail.reply(toOwner, address, "キャンセル\n\nこれは私ではありません。");
    mail.send(cancel);

    await().atMost(Duration.ofSeconds(20)).until(() -> status(caseId).equals("CANCELLED"));
    assertThat(instance).isEnded().hasPassed("case-cancelled");
    // The audit log names who stopped it: the stored mail, and its sender as agents see addresses.
    var mailId =
        jdbc.queryForObject(
            "select id from inbound_mail where message_id = ?", Long.class, cancel.getMessageID());
    assertThat(audit.about("case:" + caseId, 50))
        .filteredOn(entry -> entry.action().equals("CASE_CANCELLED"))
        .singleElement()
        .extracting(AuditEntry::actor)
        .isEqualTo("mail#" + mailId + " from " + new EmailAddress(address).masked());
  }

  @Test
  void a_cancel_written_under_the_quoted_hold_notice_cancels() throws Exception {
    var caseId = open("OTHER");
    var instance = approvedAndHeld(caseId, address);
    var notice = mail.awaitMail(address, subjectContains("will be reset"));

    mail.send(mail.reply(notice, address, quoted(notice) + "\nCANCEL\n\nThis was not me.\n"));

    await().atMost(Duration.ofSeconds(20)).until(() -> status(caseId).equals("CANCELLED"));
    assertThat(instance).isEnded().hasPassed("case-cancelled");
  }

  @Test
  void a_cancel_reply_from_a_stranger_changes_nothing() throws Exception {
    var caseId = open("OTHER");
    var instance = approvedAndHeld(caseId, address);
    var notice = mail.awaitMail(address, subjectContains("will be reset"));

    var stranger = mail.reply(notice, "mallory@example.net", "CANCEL");
    mail.send(stranger);

    var messageId = stranger.getMessageID();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.queryForList(
                    "select status_reason from inbound_mail where message_id = ?",
                    String.class,
                    messageId),
            reasons -> reasons.equals(List.of("wrong-sender")));
    assertThat(status(caseId)).isEqualTo("RESET_PENDING");
    assertWaitingAt(instance, "reset-hold");
  }

  @Test
  void lost_backup_codes_not_solved_or_unanswered_go_to_support() throws Exception {
    var answeredNo = open("LOST_BACKUP_CODES");
    var first = instance(answeredNo);
    runJob(first, "send-guidance");
    var guidance = mail.awaitMail(address, subjectContains("Lost your backup codes"));
    mail.send(mail.reply(guidance, address, "No, I have no other factor."));
    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(first, "send-questionnaire"));

    var silent = open("LOST_BACKUP_CODES");
    var second = instance(silent);
    runJob(second, "send-guidance");
    runJob(second, "no-outcome");
    assertWaitingAt(second, "send-questionnaire");
  }

  @Test
  void a_yes_written_under_the_quoted_guidance_is_read() throws Exception {
    var caseId = open("LOST_PHONE");
    var instance = instance(caseId);
    runJob(instance, "send-guidance");
    var guidance = mail.awaitMail(address, subjectContains("Lost your phone"));

    mail.send(mail.reply(guidance, address, quoted(guidance) + "\nYES, I removed the number.\n"));

    await().atMost(Duration.ofSeconds(20)).until(() -> status(caseId).equals("RESOLVED"));
    assertThat(instance).isEnded().hasPassed("resolved-by-user");
  }

  @Test
  void lost_backup_codes_with_another_factor_but_no_session_offers_only_a_new_set_from_it()
      throws Exception {
    refacts(new Account.TwoFactor(false, true, false));
    var caseId = open("LOST_BACKUP_CODES");
    runJob(instance(caseId), "send-guidance");

    var guidance = MailClient.text(mail.awaitMail(address, subjectContains(caseId)));
    assertThat(guidance)
        .contains("another second factor")
        .doesNotContain("still logged in somewhere");
  }

  @Test
  void lost_backup_codes_with_no_factor_and_no_session_go_straight_to_support() throws Exception {
    refacts(new Account.TwoFactor(false, false, false));
    var caseId = open("LOST_BACKUP_CODES");
    var instance = instance(caseId);

    assertWaitingAt(instance, "send-questionnaire");
    assertThat(passed(instance, "send-guidance")).isFalse();
    assertThat(read(caseId).get("timeline").findValuesAsText("detail"))
        .contains("none: support verifies identity");
  }

  @Test
  void lost_phone_with_unused_backup_codes_offers_a_backup_code_login() throws Exception {
    refacts(new Account.TwoFactor(true, false, false));
    backupCodes.issue(username);
    var caseId = open("LOST_PHONE");
    runJob(instance(caseId), "send-guidance");

    var guidance = mail.awaitMail(address, subjectContains(caseId));
    assertThat(MailClient.text(guidance))
        .contains("Have a backup code?", "suspend its SIM")
        .doesNotContain("Remove the phone number", "still logged in (you bought");
    assertThat(MailClient.html(guidance)).contains("Have a backup code?");
  }

  @Test
  void lost_phone_with_the_old_phone_still_signed_in_offers_turning_2fa_off_there()
      throws Exception {
    // Signed in only in the service's own app: no browser to remove the phone in.
    refacts(
        new Account.TwoFactor(true, false, false),
        new Account.Device(
            "Pixel 7", "X for Android", Instant.now().minus(Duration.ofDays(1)), "JP"));
    var caseId = open("LOST_PHONE");
    runJob(instance(caseId), "send-guidance");

    assertThat(MailClient.text(mail.awaitMail(address, subjectContains(caseId))))
        .contains("two-factor authentication off there")
        .doesNotContain("Have a backup code?", "Remove the phone number");
  }

  @Test
  void lost_phone_with_nothing_left_to_try_goes_straight_to_identity_verification()
      throws Exception {
    refacts(
        new Account.TwoFactor(false, true, false),
        new Account.Device("iPhone 12", "Safari", Instant.now().minus(Duration.ofDays(90)), "JP"));
    var caseId = open("LOST_PHONE");
    var instance = instance(caseId);

    assertWaitingAt(instance, "send-questionnaire");
    assertThat(passed(instance, "send-guidance")).isFalse();
  }

  @Test
  void an_address_not_on_the_account_gets_every_option_whatever_the_account_has() throws Exception {
    // Nothing left to try: the registered address would go straight to support.
    refacts(new Account.TwoFactor(false, true, false));
    var stranger = username + ".someone@example.net";
    var caseId = open("LOST_PHONE", stranger);
    runJob(instance(caseId), "send-guidance");

    assertThat(MailClient.text(mail.awaitMail(stranger, subjectContains(caseId))))
        .contains(
            "Have a backup code?",
            "Remove the phone number",
            "two-factor authentication off there");
  }

  @Test
  void the_sms_check_offers_a_backup_code_login_and_the_app_only_when_the_account_has_them()
      throws Exception {
    refacts(new Account.TwoFactor(true, true, false));
    backupCodes.issue(username);
    var withBoth = open("SMS_NOT_DELIVERED");
    runJob(instance(withBoth), "sms-wait");
    runJob(instance(withBoth), "resend-sms");
    assertThat(MailClient.text(mail.awaitMail(address, subjectContains(withBoth))))
        .contains("Changed your number or carrier?", "No signal?");

    backupCodes.voidAll(username, "test");
    refacts(new Account.TwoFactor(true, false, false));
    var withNeither = open("SMS_NOT_DELIVERED");
    runJob(instance(withNeither), "sms-wait");
    runJob(instance(withNeither), "resend-sms");
    assertThat(MailClient.text(mail.awaitMail(address, subjectContains(withNeither))))
        .contains("six-digit code")
        .doesNotContain("Changed your number", "No signal?");
  }

  /** The test account with other second factors and devices (none when not given). */
  private void refacts(Account.TwoFactor twoFactor, Account.Device... devices) {
    accounts.save(
        accounts
            .find(username)
            .orElseThrow()
            .withTwoFactor(twoFactor)
            .withDevices(List.of(devices)));
  }

  @Test
  void no_answer_to_the_sms_check_hands_the_case_to_support() throws Exception {
    var caseId = open("SMS_NOT_DELIVERED");
    var instance = instance(caseId);
    runJob(instance, "sms-wait");
    runJob(instance, "resend-sms");

    runJob(instance, "no-outcome");

    assertWaitingAt(instance, "send-questionnaire");
  }

  @Test
  void no_answer_to_the_guidance_hands_the_case_to_support() throws Exception {
    var caseId = open("LOST_PHONE");
    var instance = instance(caseId);
    runJob(instance, "send-guidance");

    runJob(instance, "no-outcome");

    assertWaitingAt(instance, "send-questionnaire");
  }

  @Test
  void guidance_to_an_unverified_address_shows_nothing_of_the_account() throws Exception {
    var stranger = username + ".stranger@example.net";
    var caseId = open("LOST_PHONE", stranger);
    runJob(instance(caseId), "send-guidance");

    var guidance = mail.awaitMail(stranger, subjectContains("Lost your phone"));
    assertThat(MailClient.text(guidance) + MailClient.html(guidance)).doesNotContain("2222", "•••");
  }

  @Test
  void sms_not_delivered_waits_texts_a_code_and_a_code_that_arrives_solves_it() throws Exception {
    var caseId = open("SMS_NOT_DELIVERED");
    var instance = instance(caseId);
    assertWaitingAt(instance, "sms-wait");

    runJob(instance, "sms-wait");
    runJob(instance, "resend-sms");
    var text = api.get("/api/sms-outbox/+819011112222", "admin:admin").body();
    var code = Pattern.compile("check code: (\\d{6})").matcher(text);
    assertThat(code.find()).as(text).isTrue();
    var check = mail.awaitMail(address, subjectContains("Did our text arrive"));
    assertThat(MailClient.text(check)).contains("+81 •••••• 2222", "message filter");
    assertThat(read(caseId).toString()).doesNotContain(code.group(1));

    mail.send(
        mail.reply(
            check,
            address,
            "It came: " + code.group(1).substring(0, 3) + " " + code.group(1).substring(3)));

    await().atMost(Duration.ofSeconds(20)).until(() -> status(caseId).equals("RESOLVED"));
    assertThat(read(caseId).get("timeline").findValuesAsText("kind"))
        .contains("SMS_CODE_CONFIRMED");
  }

  @Test
  void an_sms_code_written_under_the_quoted_check_is_read() throws Exception {
    var caseId = open("SMS_NOT_DELIVERED");
    var instance = instance(caseId);
    runJob(instance, "sms-wait");
    runJob(instance, "resend-sms");
    var text = api.get("/api/sms-outbox/+819011112222", "admin:admin").body();
    var code = Pattern.compile("check code: (\\d{6})").matcher(text);
    assertThat(code.find()).as(text).isTrue();
    var check = mail.awaitMail(address, subjectContains("Did our text arrive"));

    mail.send(mail.reply(check, address, quoted(check) + "\nIt came: " + code.group(1) + "\n"));

    await().atMost(Duration.ofSeconds(20)).until(() -> status(caseId).equals("RESOLVED"));
    assertThat(read(caseId).get("timeline").findValuesAsText("kind"))
        .contains("SMS_CODE_CONFIRMED");
  }

  @Test
  void a_wrong_sms_code_hands_the_case_to_support() throws Exception {
    var caseId = open("SMS_NOT_DELIVERED");
    var instance = instance(caseId);
    runJob(instance, "sms-wait");
    runJob(instance, "resend-sms");
    var check = mail.awaitMail(address, subjectContains("Did our text arrive"));

    mail.send(mail.reply(check, address, "Is it 000000?"));

    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(instance, "send-questionnaire"));
  }

  @Test
  void an_overdue_review_goes_to_the_supervisors_too() throws Exception {
    var caseId = open("OTHER");
    var instance = answered(caseId);
    var task = reviewTask(instance);
    assertThat(task.getDueDate()).isAfter(new java.util.Date());

    runJob(instance, "review-overdue");

    var escalated = reviewTask(instance);
    assertThat(escalated.getPriority()).isEqualTo(90);
    assertThat(processEngine.getTaskService().getIdentityLinksForTask(escalated.getId()))
        .extracting(link -> link.getGroupId())
        .contains("support-agents", "support-supervisors");
    mail.awaitMail("supervisor@recovery.local", subjectContains(caseId));
    assertWaitingAt(instance, "review-identity");
  }

  @Test
  void the_review_shows_answers_beside_masked_facts_the_proofs_and_the_mail() throws Exception {
    var caseId = open("OTHER");
    var instance = answered(caseId);

    // One row per question: what the user wrote, the fact on file (masked), the points and why.
    var evidence = rows(instance, "evidence");
    assertThat(evidence).hasSize(7);
    assertThat(evidence.get(0).get("question").asText()).isEqualTo("Email address");
    assertThat(evidence.get(0).get("questionJa").asText()).isEqualTo("メールアドレス");
    assertThat(evidence.get(0).get("answer").asText()).isEqualTo(address);
    assertThat(evidence.get(0).get("onFile").asText())
        .isEqualTo(new EmailAddress(address).masked() + " and 1 earlier address(es)");
    assertThat(evidence.get(0).get("points").asText()).isEqualTo("25 / 25");
    assertThat(evidence.get(0).get("why").asText()).isEqualTo("the registered address");
    assertThat(evidence.get(0).get("whyJa").asText()).isEqualTo("登録メールアドレス");
    assertThat(evidence.get(1).get("onFile").asText()).isEqualTo("+81 •••••• 2222");
    assertThat(evidence.get(2).get("onFile").asText()).isEqualTo("2019-04");
    assertThat(evidence.get(5).get("onFile").asText()).contains("iPhone 15 / Safari");
    assertThat(evidence.get(6).get("question").asText()).isEqualTo("Total");
    assertThat(evidence.get(6).get("points").asText())
        .isEqualTo(read(caseId).get("score").asInt() + " / 100");
    assertThat(evidence.toString()).doesNotContain("+819011112222", "9011112222");
    // Every kind of proof and signal, each marked present or absent.
    var proofs = rows(instance, "proofsAndSignals");
    assertThat(proofs).hasSize(8);
    assertThat(proofs)
        .filteredOn(row -> row.get("found").asText().equals("present"))
        .extracting(row -> row.get("what").asText())
        .containsExactly("Controls the registered address (replied to our signed address)");
    assertThat(proofs)
        .filteredOn(row -> row.get("kind").asText().equals("Risk signal"))
        .extracting(row -> row.get("foundJa").asText())
        .containsOnly("なし");
    assertThat((String) variable(instance, "secondApproval"))
        .startsWith("Needed: fewer than two independent proofs (1)");
    // The mail newest first, its sender masked; then the case's timeline.
    var thread = rows(instance, "mailThread");
    assertThat(thread.get(0).get("from").asText()).isEqualTo(new EmailAddress(address).masked());
    assertThat(thread.get(0).get("text").asText()).contains("3. 2019-04");
    assertThat(thread.get(0).get("received").asText()).endsWith(" UTC");
    assertThat(rows(instance, "timeline"))
        .extracting(row -> row.get("kind").asText() + ": " + row.get("detail").asText())
        .contains("Answers scored: " + read(caseId).get("score").asInt() + " / 100")
        .contains("Proofs and risk signals assessed: 1 proof(s), 0 risk signal(s)");
  }

  @Test
  void the_supervisor_reads_who_reviewed_their_decision_their_note_and_why() throws Exception {
    var caseId = open("OTHER");
    var instance = answered(caseId);
    decide("agent", "review-identity", "APPROVE", "answers match; asked from Kyoto");

    var approval =
        processEngine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(caseId)
            .taskDefinitionKey("approve-reset")
            .singleResult();
    var form = processEngine.getTaskService().getVariablesLocal(approval.getId());
    assertThat(form.get("reviewer")).isEqualTo("agent");
    assertThat(form.get("reviewNote")).isEqualTo("answers match; asked from Kyoto");
    assertThat((String) form.get("secondApproval"))
        .startsWith("Needed: fewer than two independent proofs (1)");
    var review = json.readTree(form.get("review").toString());
    assertThat(review).hasSize(1);
    assertThat(review.get(0).get("by").asText()).isEqualTo("agent");
    assertThat(review.get(0).get("decision").asText()).isEqualTo("APPROVE");
    assertThat(review.get(0).get("decisionJa").asText()).isEqualTo("承認");
    assertThat(review.get(0).get("note").asText()).isEqualTo("answers match; asked from Kyoto");
    // Every task falls due, so a queue sorted by due date keeps its order.
    assertThat(approval.getDueDate()).isNotNull();
    assertWaitingAt(instance, "approve-reset");
  }

  /** The rows of a table the forms show: a JSON variable the desk set. */
  private List<JsonNode> rows(ProcessInstance instance, String name) throws Exception {
    var rows = new java.util.ArrayList<JsonNode>();
    json.readTree(variable(instance, name).toString()).forEach(rows::add);
    return rows;
  }

  @Test
  void the_review_shows_the_trimmed_mail_and_below_it_what_was_cut() throws Exception {
    var caseId = open("OTHER");
    var instance = instance(caseId);
    runJob(instance, "send-questionnaire");
    var questionnaire = mail.awaitMail(address, subjectContains(caseId));
    mail.send(
        mail.reply(
            questionnaire,
            address,
            "1. "
                + address
                + "\n3. 2019-04\n\n-- \nErin Example\nTEL: 03-1234-5678\n\nSent from my iPhone\n\n"
                + quoted(questionnaire)));
    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(instance, "score-answers"));
    runJob(instance, "score-answers");

    var thread = rows(instance, "mailThread").toString();
    assertThat(thread).contains("1. " + address, "3. 2019-04").doesNotContain("TEL:", "wrote:");
    var cut = rows(instance, "mailCut");
    assertThat(cut)
        .anySatisfy(
            row -> {
              assertThat(row.get("kind").asText()).isEqualTo("signature");
              assertThat(row.get("text").asText()).contains("Erin Example\nTEL: 03-1234-5678");
            })
        .anySatisfy(
            row -> {
              assertThat(row.get("kind").asText()).isEqualTo("footer");
              assertThat(row.get("text").asText()).contains("Sent from my iPhone");
            })
        .anySatisfy(
            row -> {
              assertThat(row.get("kind").asText()).isEqualTo("quote");
              assertThat(row.get("text").asText())
                  .contains("On Sat, Nov 21, 2026 at 10:00 AM Recovery Desk <");
            });
    assertThat(read(caseId).get("answers").get("3").asText()).isEqualTo("2019-04");
  }

  @Test
  void the_tasklist_queues_show_the_review_to_agents_then_as_overdue_and_to_supervisors()
      throws Exception {
    var caseId = open("OTHER");
    var instance = answered(caseId);
    var task = reviewTask(instance).getId();
    assertThat(queue("My review queue", "agent:agent")).contains(task);
    assertThat(queue("Overdue", "agent:agent")).doesNotContain(task);
    assertThat(queue("Needs my approval", "supervisor:supervisor")).doesNotContain(task);

    runJob(instance, "review-overdue");
    CaseJobs.timePasses(clock, Duration.ofDays(2));
    try {
      assertThat(queue("Overdue", "agent:agent")).contains(task);
      assertThat(queue("Needs my approval", "supervisor:supervisor")).contains(task);
    } finally {
      CaseJobs.resetClocks(clock);
    }
  }

  /** The task ids a Tasklist filter shows the user, through the engine's REST API. */
  private List<String> queue(String name, String credentials) throws Exception {
    var filters =
        json.readTree(
            api.get("/engine-rest/filter?name=" + name.replace(" ", "%20"), credentials).body());
    assertThat(filters).as("the filter " + name + " for " + credentials).hasSize(1);
    var tasks =
        json.readTree(
            api.post(
                    "/engine-rest/filter/" + filters.get(0).get("id").asText() + "/list",
                    credentials,
                    "{}")
                .body());
    return tasks.findValuesAsText("id");
  }

  @Test
  void two_independent_proofs_and_good_answers_need_no_second_approval() throws Exception {
    var caseId = open("SMS_NOT_DELIVERED");
    var instance = instance(caseId);
    runJob(instance, "sms-wait");
    runJob(instance, "resend-sms");
    var text = api.get("/api/sms-outbox/+819011112222", "admin:admin").body();
    var code = Pattern.compile("check code: (\\d{6})").matcher(text);
    assertThat(code.find()).isTrue();
    var check = mail.awaitMail(address, subjectContains("Did our text arrive"));
    // The phone works (proof one) but the user still cannot log in.
    mail.send(mail.reply(check, address, "No, still locked out. The code was " + code.group(1)));
    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(instance, "send-questionnaire"));
    runJob(instance, "send-questionnaire");
    var questionnaire = mail.awaitMail(address, subjectContains("Please answer"));
    // A reply through the signed address of the registered mailbox: proof two.
    mail.send(
        mail.reply(
            questionnaire,
            address,
            "1. %s\n2. 090-1111-2222\n3. 2019-04\n4. Kyoto autumn leaves\n5. bob carol dave\n6. iPhone 15"
                .formatted(address)));
    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(instance, "score-answers"));
    runJob(instance, "score-answers");
    assertThat(assessment(caseId).proofs()).hasSize(2);
    assertThat(assessment(caseId).secondApproval()).isFalse();

    decide("agent", "review-identity", "APPROVE");

    assertThat(passed(instance, "approve-reset")).isFalse();
    runJob(instance, "start-reset-hold");
    assertWaitingAt(instance, "reset-hold");
    assertThat(status(caseId)).isEqualTo("RESET_PENDING");
  }

  @Test
  void a_backup_code_of_a_set_the_owner_replaced_is_a_proof() throws Exception {
    var older = backupCodes.issue(username);
    backupCodes.issue(username);
    var caseId = open("OTHER");

    // Typed where the sign-in asks for a code: refused like any wrong code, and not told why.
    var check = verify(older.get(0));
    assertThat(check.statusCode()).isEqualTo(401);
    assertThat(check.body()).isEqualTo(verify("0000-0000-0000").body());

    var instance = answered(caseId);
    assertThat(assessment(caseId).proofs()).hasSize(2);
    assertThat(read(caseId).get("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("holds a backup code of an older set"));
    assertThat(status(caseId)).isEqualTo("IN_REVIEW");
  }

  @Test
  void codes_voided_by_a_reset_or_tried_before_the_case_prove_nothing() throws Exception {
    var replaced = backupCodes.issue(username);
    var voided = backupCodes.issue(username);
    verify(replaced.get(0)); // before the case: not evidence for it
    backupCodes.voidAll(username, "test reset");
    backupCodes.issue(username);
    var caseId = open("OTHER");

    assertThat(verify(voided.get(0)).statusCode()).isEqualTo(401);

    var instance = answered(caseId);
    assertThat(assessment(caseId).proofs()).hasSize(1);
    assertThat(read(caseId).get("timeline").findValuesAsText("detail"))
        .noneMatch(detail -> detail.contains("older set"));
  }

  @Test
  void audit_entries_prove_nothing_only_the_records_that_hold_a_proof_do() throws Exception {
    var caseId = open("OTHER");
    // What the audit log says of a known device and of an older set's code is for investigators.
    audit.record(
        dev.recoverydesk.recovery.intake.CaseIntake.KNOWN_DEVICE,
        "account:" + username,
        Map.of("caseId", caseId, "device", "iPhone 15"));
    audit.record("BACKUP_CODE_REFUSED", "account:" + username, Map.of("reason", "SUPERSEDED_SET"));

    answered(caseId);

    assertThat(assessment(caseId).proofs()).containsExactly("controls the registered address");
  }

  @Test
  void a_request_from_a_device_the_account_signed_in_on_is_a_proof() throws Exception {
    var deviceId = "platform-device-" + username;
    signedInFrom(deviceId);

    var caseId = openFrom(deviceId);

    var instance = answered(caseId);
    assertThat(assessment(caseId).proofs()).hasSize(2);
    assertThat(read(caseId).get("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("asked from a device the account signed in on"))
        .noneMatch(detail -> detail.contains(deviceId));
  }

  @Test
  void a_device_identifier_the_account_lacks_proves_nothing() throws Exception {
    signedInFrom("platform-device-" + username);

    var caseId = openFrom("platform-device-somebody-else");

    var instance = answered(caseId);
    assertThat(assessment(caseId).proofs()).hasSize(1);
    assertThat(read(caseId).get("timeline").findValuesAsText("kind")).contains("UNKNOWN_DEVICE");
    var malformed =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of("username", username, "contactEmail", address, "deviceId", "short")));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json.readTree(malformed.body()).get("errors").findValuesAsText("field"))
        .containsExactly("deviceId");
  }

  /** The account as the platform knows it: its one device carries {@code deviceId}. */
  private void signedInFrom(String deviceId) {
    var account = accounts.find(username).orElseThrow();
    var device = account.devices().get(0);
    accounts.save(
        account.withDevices(
            List.of(
                new Account.Device(
                    device.name(),
                    device.browser(),
                    device.lastSeen(),
                    device.country(),
                    deviceIds.digest(deviceId)))));
  }

  private String openFrom(String deviceId) throws Exception {
    var response =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of(
                    "username",
                    username,
                    "contactEmail",
                    address,
                    "problem",
                    "OTHER",
                    "deviceId",
                    deviceId)));
    assertThat(response.statusCode()).isEqualTo(202);
    return json.readTree(response.body()).get("caseId").asText();
  }

  private java.net.http.HttpResponse<String> verify(String code) throws Exception {
    return api.post(
        "/api/accounts/" + username + "/backup-codes/verify",
        null,
        json.writeValueAsString(Map.of("code", code)));
  }

  @Test
  void the_routing_table_asks_a_second_approval_unless_two_proofs_and_no_risk() {
    var decisions = processEngine.getDecisionService();
    java.util.function.BiFunction<Integer, Integer, Map<String, Object>> route =
        (proofs, signals) ->
            decisions
                .evaluateDecisionTableByKey(
                    "review-routing",
                    org.camunda.bpm.engine.variable.Variables.putValue("accountKnown", true)
                        .putValue("score", 90)
                        .putValue("proofs", proofs)
                        .putValue("riskSignals", signals))
                .getSingleResult()
                .getEntryMap();

    assertThat(route.apply(2, 0)).containsEntry("secondApproval", false);
    assertThat(route.apply(1, 0)).containsEntry("secondApproval", true);
    assertThat(route.apply(2, 1)).containsEntry("secondApproval", true);
    assertThat(route.apply(2, 2)).containsEntry("recommendation", "REJECT");
  }

  @Test
  void words_that_match_no_path_are_confirmed_by_an_agent() throws Exception {
    var response =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of("username", username, "contactEmail", address, "description", "help me")));
    var caseId = json.readTree(response.body()).get("caseId").asText();
    var instance = instance(caseId);
    assertWaitingAt(instance, "confirm-problem");
    runJob(instance, "confirmation-overdue");

    var task =
        processEngine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(instance.getBusinessKey())
            .taskDefinitionKey("confirm-problem")
            .singleResult();
    assertThat(processEngine.getTaskService().getVariable(task.getId(), "userWords"))
        .isEqualTo("help me");
    assertThat(task.getDueDate()).isNotNull();
    // The user hears that a person reads the request first.
    mail.awaitMail(address, subjectContains("A person at support reads your request"));
    assertThatThrownBy(
            () ->
                processEngine
                    .getTaskService()
                    .complete(task.getId(), Map.of("problem", "NONSENSE")))
        .isInstanceOf(ProcessEngineException.class);
    processEngine.getTaskService().complete(task.getId(), Map.of("problem", "LOST_PHONE"));

    assertWaitingAt(instance, "send-guidance");
    assertThat(read(caseId).get("problem").asText()).isEqualTo("LOST_PHONE");
  }

  @Test
  void an_overdue_second_approval_is_escalated_too() throws Exception {
    var caseId = open("OTHER");
    var instance = answered(caseId);
    decide("agent", "review-identity", "APPROVE");

    runJob(instance, "approval-overdue");

    var approval =
        processEngine
            .getTaskService()
            .createTaskQuery()
            .processInstanceBusinessKey(caseId)
            .taskDefinitionKey("approve-reset")
            .singleResult();
    assertThat(approval.getPriority()).isEqualTo(90);
    assertThat(read(caseId).get("timeline").findValuesAsText("detail"))
        .anySatisfy(detail -> assertThat(detail).contains("approve-reset"));
  }

  private org.camunda.bpm.engine.task.Task reviewTask(ProcessInstance instance) {
    return processEngine
        .getTaskService()
        .createTaskQuery()
        .processInstanceBusinessKey(instance.getBusinessKey())
        .taskDefinitionKey("review-identity")
        .singleResult();
  }

  // --- helpers -----------------------------------------------------------------------------

  private String open(String problem, String contact) throws Exception {
    var response =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of("username", username, "contactEmail", contact, "problem", problem)));
    assertThat(response.statusCode()).isEqualTo(202);
    return json.readTree(response.body()).get("caseId").asText();
  }

  /** Answered, approved by an agent and a supervisor: in its hold. */
  private ProcessInstance approvedAndHeld(String caseId, String contact) throws MessagingException {
    var instance = instance(caseId);
    runJob(instance, "send-questionnaire");
    var questionnaire = mail.awaitMail(contact, subjectContains(caseId));
    mail.send(mail.reply(questionnaire, contact, "1. " + address));
    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(instance, "score-answers"));
    runJob(instance, "score-answers");
    decide("agent", "review-identity", "APPROVE");
    decide("supervisor", "approve-reset", "APPROVE");
    runJob(instance, "start-reset-hold");
    assertWaitingAt(instance, "reset-hold");
    return instance;
  }

  private String open(String problem) throws Exception {
    var response =
        api.post(
            "/api/recovery-requests",
            null,
            json.writeValueAsString(
                Map.of("username", username, "contactEmail", address, "problem", problem)));
    assertThat(response.statusCode()).isEqualTo(202);
    var body = json.readTree(response.body());
    assertThat(body.get("status").asText()).isEqualTo("OPEN");
    return body.get("caseId").asText();
  }

  /** A case whose questionnaire was answered and scored: waiting at review-identity. */
  private ProcessInstance answered(String caseId) throws MessagingException {
    var instance = instance(caseId);
    runJob(instance, "send-questionnaire");
    var questionnaire = mail.awaitMail(address, subjectContains(caseId));
    mail.send(mail.reply(questionnaire, address, "1. " + address + "\n3. 2019-04"));
    await().atMost(Duration.ofSeconds(20)).until(() -> waitsAt(instance, "score-answers"));
    runJob(instance, "score-answers");
    assertWaitingAt(instance, "review-identity");
    return instance;
  }

  private void decide(String user, String taskKey, String decision) {
    decide(user, taskKey, decision, null);
  }

  private void decide(String user, String taskKey, String decision, String note) {
    decide(user, taskKey, decision, note, Map.of());
  }

  private void decide(
      String user, String taskKey, String decision, String note, Map<String, Object> more) {
    var identity = processEngine.getIdentityService();
    var groups =
        identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    var task =
        processEngine.getTaskService().createTaskQuery().taskDefinitionKey(taskKey).list().stream()
            .filter(t -> caseOf(t.getProcessInstanceId()).equals(username))
            .findFirst()
            .orElseThrow();
    identity.setAuthentication(user, groups);
    try {
      var variables = new java.util.HashMap<String, Object>();
      variables.put("decision", decision);
      if (note != null) {
        variables.put("decisionNote", note);
      }
      variables.putAll(more);
      processEngine.getTaskService().complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private String caseOf(String processInstanceId) {
    var businessKey =
        processEngine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(processInstanceId)
            .singleResult()
            .getBusinessKey();
    return read(businessKey).get("username").asText();
  }

  private ProcessInstance instance(String caseId) {
    return processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey("account-recovery")
        .processInstanceBusinessKey(caseId)
        .singleResult();
  }

  /** The case's process instances: the root and the processes it called. */
  private List<String> caseInstances(ProcessInstance root) {
    return processEngine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(root.getBusinessKey())
        .list()
        .stream()
        .map(ProcessInstance::getId)
        .toList();
  }

  /** One query, so that a called process ending meanwhile cannot make it fail. */
  private boolean waitsAt(ProcessInstance instance, String activityId) {
    return processEngine
            .getRuntimeService()
            .createExecutionQuery()
            .processInstanceBusinessKey(instance.getBusinessKey())
            .activityId(activityId)
            .count()
        > 0;
  }

  private void assertWaitingAt(ProcessInstance instance, String activityId) {
    assertThat(waitsAt(instance, activityId)).as("waiting at " + activityId).isTrue();
  }

  /** Whether any process of the case passed the activity. */
  private boolean passed(ProcessInstance instance, String activityId) {
    return processEngine
        .getHistoryService()
        .createHistoricActivityInstanceQuery()
        .activityId(activityId)
        .list()
        .stream()
        .anyMatch(
            activity -> root(activity.getProcessInstanceId()).equals(instance.getBusinessKey()));
  }

  private String root(String processInstanceId) {
    return processEngine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId)
        .singleResult()
        .getBusinessKey();
  }

  private Object variable(ProcessInstance instance, String name) {
    return processEngine
        .getRuntimeService()
        .createVariableInstanceQuery()
        .processInstanceIdIn(caseInstances(instance).toArray(String[]::new))
        .variableName(name)
        .list()
        .stream()
        .map(variable -> variable.getValue())
        .findFirst()
        .orElse(null);
  }

  private void runJob(ProcessInstance instance, String activityId) {
    CaseJobs.runJob(processEngine, instance.getBusinessKey(), activityId);
  }

  /** What the desk found when it scored the case. */
  private CaseReviews.Assessment assessment(String caseId) {
    return reviews.assessment(new CaseId(caseId)).orElseThrow();
  }

  private String status(String caseId) {
    return read(caseId).get("status").asText();
  }

  private JsonNode read(String caseId) {
    try {
      var response = api.get("/api/recovery-cases/" + caseId, "agent:agent");
      assertThat(response.statusCode()).isEqualTo(200);
      return json.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mail quoted as a client quotes it for a reply written below: attribution, then "> ". */
  private static String quoted(MimeMessage original) throws MessagingException {
    var lines = MailClient.text(original).strip().split("\\R", -1);
    var text =
        new StringBuilder("On Sat, Nov 21, 2026 at 10:00 AM Recovery Desk <")
            .append(original.getFrom()[0].toString().replaceAll(".*<|>.*", ""))
            .append("> wrote:\n\n");
    for (String line : lines) {
      text.append(line.isEmpty() ? ">" : "> " + line).append('\n');
    }
    return text.toString();
  }

  private static java.util.function.Predicate<MimeMessage> subjectContains(String text) {
    return message -> {
      try {
        return message.getSubject() != null && message.getSubject().contains(text);
      } catch (MessagingException e) {
        return false;
      }
    };
  }

  private static String link(String text) {
    return link(text, "codes");
  }

  private static String link(String text, String kind) {
    var matcher = Pattern.compile("https?://\\S+/recovery/" + kind + "/\\S+").matcher(text);
    assertThat(matcher.find()).as("a codes link in " + text).isTrue();
    return matcher.group();
  }

  private static List<String> codes(String html) {
    var matcher = Pattern.compile("class=\"backup-code\">([^<]+)<").matcher(html);
    var codes = new java.util.ArrayList<String>();
    while (matcher.find()) {
      codes.add(matcher.group(1));
    }
    return codes;
  }

  /** A browser: keeps cookies, follows the form's CSRF token. */
  private final class Browser {
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .build();

    HttpResponse<String> get(String url) throws Exception {
      return http.send(
          HttpRequest.newBuilder(local(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postWithoutCsrf(String url) throws Exception {
      return http.send(
          HttpRequest.newBuilder(local(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> submit(String url, String page) throws Exception {
      var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
      assertThat(token.find()).as("a CSRF token in the page").isTrue();
      return http.send(
          HttpRequest.newBuilder(local(url))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token.group(1)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** The mail's link points at the configured public URL; the test server has its own port. */
    private URI local(String url) {
      var path = URI.create(url).getPath();
      return URI.create("http://127.0.0.1:" + port + path);
    }
  }
}
