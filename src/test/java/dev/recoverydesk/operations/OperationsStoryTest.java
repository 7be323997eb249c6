package dev.recoverydesk.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.CaseSteps;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.CaseLogging;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A short story, told once for all the tests of the class, then read as an operator reads it: the
 * metrics it moved on {@code /actuator/prometheus} (scraped before and after: the shared desk
 * counts every test's work, so only the difference is this story's) and the JSON log lines it wrote
 * (the desk's own ECS format, captured while the story ran).
 *
 * <p>The story: a case opened over the API, its questionnaire answered (the same answer arriving
 * twice, and an out-of-office reply beside it), approved by an agent and a supervisor, reset, its
 * new codes shown and one used, a wrong code tried; a mail with a forged reply token that goes to
 * triage; and two more requests for the same account, then one the intake limit refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsStoryTest extends IntegrationTest {

  private static final String ANSWER_WORDS = "Kyoto autumn leaves zq7wv";

  @LocalServerPort int port;
  @Autowired AccountDirectory accounts;
  @Autowired ObjectMapper json;
  @Autowired DeskCensus census;

  private final MailClient mail = mail();
  private ApiClient api;
  private CaseSteps steps;

  private Scrape before;
  private Scrape after;
  private long startedAt;
  private String caseId;
  private String address;
  private final List<String> secrets = new ArrayList<>();
  private final List<JsonNode> logLines = new ArrayList<>();

  private boolean told;

  @BeforeEach
  void aClient() {
    api = new ApiClient(port);
  }

  /**
   * Tells the story the first time a test asks (inside a test, where the engine's coverage run is
   * open), so that every test reads the same run.
   */
  private void theStory() throws Exception {
    if (told) {
      return;
    }
    told = true;
    steps = new CaseSteps(processEngine);
    var username = TestAccounts.create(accounts, "ops");
    address = username + "@example.com";
    secrets.add(address);

    // The gauges are read from the database at most every few seconds: both scrapes read anew.
    census.forget();
    before = scrape();
    startedAt = System.currentTimeMillis();
    var logs = new ByteArrayOutputStream();
    var appender = jsonLogsInto(logs);
    try {
      caseId = open(username);
      CaseJobs.runJob(processEngine, caseId, "send-questionnaire");
      var questionnaire = mail.awaitMail(address, subjectContains(caseId));
      secrets.add(questionnaire.getReplyTo()[0].toString());

      var answer =
          mail.reply(questionnaire, address, "1. " + address + "\n3. 2019-04\n4. " + ANSWER_WORDS);
      mail.send(answer);
      await().atMost(Duration.ofSeconds(20)).until(() -> steps.waitsAt(caseId, "score-answers"));
      mail.sendAgain(answer);
      awaitCounter("recovery_mail_received_total", 1, "verdict", "duplicate");
      mail.send(
          mail.compose(
              address,
              questionnaire.getReplyTo()[0].toString(),
              "Out of office",
              "I am away until Monday.",
              Map.of("Auto-Submitted", "auto-replied")));
      awaitCounter("recovery_mail_received_total", 1, "verdict", "ignored");

      CaseJobs.runJob(processEngine, caseId, "score-answers");
      decide("agent", "review-identity", "APPROVE");
      decide("supervisor", "approve-reset", "APPROVE");
      CaseJobs.runJob(processEngine, caseId, "start-reset-hold");
      CaseJobs.runJob(processEngine, caseId, "reset-hold");
      CaseJobs.runJob(processEngine, caseId, "reset-second-factors");
      assertThat(status()).isEqualTo("RESOLVED");

      var codes = newCodes(mail.awaitMail(address, subjectContains("new backup codes")));
      secrets.addAll(codes);
      // The page shows them in groups of four; a log would more likely hold them whole.
      codes.forEach(code -> secrets.add(code.replace(" ", "")));
      assertThat(verify(username, codes.get(0))).isEqualTo(200);
      assertThat(verify(username, "0000-0000-0000")).isEqualTo(401);

      mail.send(
          mail.compose(
              "someone@example.net",
              "support+" + caseId.toLowerCase(Locale.ROOT) + ".aaaaaaaaaaaaaaaa@recovery.local",
              "About " + caseId,
              "Please let me in.",
              Map.of()));
      awaitCounter("recovery_mail_received_total", 1, "verdict", "triage");

      open(username);
      open(username);
      assertThat(request(username).statusCode()).isEqualTo(429);
    } finally {
      var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.detachAppender(appender);
      appender.stop();
    }
    for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        logLines.add(json.readTree(line));
      }
    }
    census.forget();
    after = scrape();
  }

  @Test
  void the_metrics_moved_by_what_the_story_did() throws Exception {
    theStory();
    // Three cases opened over the API, one closed as resolved after being open a short while.
    assertDelta("recovery_cases_opened_total", 3, "problem", "OTHER", "channel", "REST");
    assertDelta("recovery_cases_opened_total", 3);
    assertDelta("recovery_cases_closed_total", 1, "problem", "OTHER", "outcome", "RESOLVED");
    assertDelta("recovery_cases_closed_total", 1);
    assertDelta("recovery_case_duration_seconds_count", 1);
    assertThat(delta("recovery_case_duration_seconds_sum")).isBetween(0.0, 600.0);
    assertDelta("recovery_case_duration_seconds_bucket", 1, "le", "300.0");
    // The two later cases wait at their first step: open, each with a job due.
    assertDelta("recovery_cases_open", 2, "status", "OPEN");
    for (String status : List.of("AWAITING_USER", "IN_REVIEW", "AWAITING_APPROVAL")) {
      assertDelta("recovery_cases_open", 0, "status", status);
    }
    assertDelta("recovery_cases_open", 0, "status", "RESET_PENDING");

    // One mail of each template the story sends, all to the one address on file; the new set of
    // codes is told to the registered address as every new set is.
    for (String template :
        List.of(
            "questionnaire", "reset-hold", "codes-ready", "reset-done", "backup-codes-issued")) {
      assertDelta("recovery_mail_sent_total", 1, "template", template, "result", "sent");
    }
    assertDelta("recovery_mail_sent_total", 5);
    assertDelta("recovery_mail_sent_total", 0, "result", "failed");

    assertDelta("recovery_mail_received_total", 1, "verdict", "delivered");
    assertDelta("recovery_mail_received_total", 1, "verdict", "ignored");
    assertDelta("recovery_mail_received_total", 1, "verdict", "triage");
    assertDelta("recovery_mail_received_total", 0, "verdict", "bounce");
    // The answer sent again; the mailbox sweep may take one of the four mails a second time too.
    assertThat(delta("recovery_mail_received_total", "verdict", "duplicate")).isBetween(1.0, 5.0);
    // One wait for mail ended by a reply: the questionnaire's.
    assertDelta("recovery_mail_reply_lag_seconds_count", 1);
    assertThat(delta("recovery_mail_reply_lag_seconds_sum")).isBetween(0.0, 120.0);
    assertThat(after.value("recovery_mail_last_read_timestamp_seconds"))
        .isGreaterThanOrEqualTo((startedAt - 5_000) / 1000.0);

    assertDelta("recovery_backup_code_checks_total", 1, "result", "accepted");
    assertDelta("recovery_backup_code_checks_total", 1, "result", "unknown");
    assertDelta("recovery_backup_code_checks_total", 2);
    assertDelta("recovery_intake_limited_total", 1, "limit", "account");
    assertDelta("recovery_intake_limited_total", 1);

    assertDelta("recovery_triage_open", 1);
    assertDelta("recovery_review_overdue", 0);
    // The two later cases' first steps; another test's timer may fall due meanwhile (sms-wait).
    assertThat(delta("recovery_engine_job_backlog")).isGreaterThanOrEqualTo(2.0);
    assertDelta("recovery_engine_jobs_failed", 0);
    assertDelta("recovery_engine_incidents_open", 0);
  }

  @Test
  void no_series_names_a_person_or_a_case() throws Exception {
    theStory();
    var text = api.get("/actuator/prometheus", "admin:admin").body();
    assertThat(text)
        .doesNotContain(caseId, address, address.substring(0, address.indexOf('@')))
        .doesNotContain(secrets);
  }

  @Test
  void every_metric_the_dashboard_and_the_alert_rules_read_is_served() throws Exception {
    theStory();
    var served = after.names();
    var read = new TreeSet<String>();
    for (String query : OperationsDocs.dashboardQueries()) {
      read.addAll(OperationsDocs.metricsIn(query));
    }
    var alerts = OperationsDocs.alertExpressions();
    assertThat(alerts.keySet())
        .contains(
            "RecoveryDeskIncidents",
            "RecoveryDeskMailNotRead",
            "RecoveryDeskReviewsOverdue",
            "RecoveryDeskRefusedCodesSpike");
    alerts.values().forEach(expression -> read.addAll(OperationsDocs.metricsIn(expression)));

    assertThat(read)
        .contains(
            "recovery_engine_incidents_open",
            "recovery_mail_last_read_timestamp_seconds",
            "recovery_review_overdue",
            "recovery_backup_code_checks_total",
            "recovery_case_duration_seconds_bucket");
    assertThat(served).containsAll(read);
  }

  @Test
  void the_json_logs_name_the_case_and_keep_its_secrets() throws Exception {
    theStory();
    var ofTheCase = logLines.stream().filter(line -> caseId.equals(text(line, "caseId"))).toList();
    assertThat(ofTheCase)
        .extracting(line -> text(line, "message"))
        .contains(
            "Case " + caseId + " opened (OTHER, REST)",
            "Case " + caseId + " is AWAITING_USER",
            "Case " + caseId + " is IN_REVIEW",
            "Case " + caseId + " is RESOLVED");
    // Written by the engine's jobs, which name the process instance too.
    assertThat(ofTheCase)
        .filteredOn(line -> text(line, "message").endsWith(" is IN_REVIEW"))
        .allSatisfy(line -> assertThat(text(line, "processInstanceId")).isNotBlank());
    // The reply, matched on a mail lane.
    assertThat(ofTheCase)
        .filteredOn(line -> text(line, "message").contains("(matched by TOKEN): TAKEN"))
        .extracting(line -> line.path("process").path("thread").path("name").asText())
        .singleElement()
        .asString()
        .startsWith("mail-lane-");
    // The engine names the case as the same field while it runs the case's processes.
    assertThat(
            ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getLoggingContextBusinessKey())
        .isEqualTo(CaseLogging.KEY);

    var everything = logLines.toString();
    assertThat(everything).doesNotContain(ANSWER_WORDS).doesNotContain(secrets);
  }

  @Test
  void the_metrics_need_credentials_of_an_administrator_or_the_monitoring_group() throws Exception {
    theStory();
    var anonymous = api.get("/actuator/prometheus", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(anonymous.body())
        .contains("\"type\":\"urn:recovery-desk:problem:authentication-required\"")
        .doesNotContain("recovery_");
    assertThat(api.get("/actuator/prometheus", "agent:agent").statusCode()).isEqualTo(403);

    var identity = processEngine.getIdentityService();
    var collector = identity.newUser("metricsprobe");
    collector.setPassword("scrape-password");
    identity.saveUser(collector);
    identity.createMembership("metricsprobe", "monitoring");
    try {
      var scraped = api.get("/actuator/prometheus", "metricsprobe:scrape-password");
      assertThat(scraped.statusCode()).isEqualTo(200);
      assertThat(scraped.body()).contains("recovery_cases_open{");
      // The group opens the metrics and nothing else.
      assertThat(api.get("/actuator/env", "metricsprobe:scrape-password").statusCode())
          .isEqualTo(403);
      assertThat(api.get("/api/recovery-cases/" + caseId, "metricsprobe:scrape-password"))
          .extracting(HttpResponse::statusCode)
          .isEqualTo(403);
    } finally {
      identity.deleteUser("metricsprobe");
    }
  }

  // --- the story's steps ---------------------------------------------------------------------

  private String open(String username) throws Exception {
    var response = request(username);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json.readTree(response.body()).get("caseId").asText();
  }

  private HttpResponse<String> request(String username) throws Exception {
    return api.post(
        "/api/recovery-requests",
        null,
        json.writeValueAsString(
            Map.of("username", username, "contactEmail", address, "problem", "OTHER")));
  }

  private String status() throws Exception {
    return json.readTree(api.get("/api/recovery-cases/" + caseId, "agent:agent").body())
        .get("status")
        .asText();
  }

  private void decide(String user, String taskKey, String decision) {
    var identity = processEngine.getIdentityService();
    var groups =
        identity.createGroupQuery().groupMember(user).list().stream().map(g -> g.getId()).toList();
    var task = steps.task(caseId, taskKey);
    identity.setAuthentication(user, groups);
    try {
      processEngine.getTaskService().complete(task, Map.of("decision", decision));
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Opens the one-time link as a browser does (its page, then its button) and reads the codes. */
  private List<String> newCodes(MimeMessage codesMail) throws Exception {
    var link =
        Pattern.compile("https?://\\S+/recovery/codes/(\\S+)").matcher(MailClient.text(codesMail));
    assertThat(link.find()).isTrue();
    secrets.add(link.group(1));
    var page = URI.create("http://127.0.0.1:" + port + "/recovery/codes/" + link.group(1));
    var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    var confirm =
        browser.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
    var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(confirm.body());
    assertThat(csrf.find()).isTrue();
    var shown =
        browser.send(
            HttpRequest.newBuilder(page)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    var codes = new ArrayList<String>();
    var code = Pattern.compile("class=\"backup-code\">([^<]+)<").matcher(shown.body());
    while (code.find()) {
      codes.add(code.group(1));
    }
    assertThat(codes).isNotEmpty();
    return codes;
  }

  private int verify(String username, String code) {
    return api.post(
            "/api/accounts/" + username + "/backup-codes/verify",
            null,
            "{\"code\":\"" + code + "\"}")
        .statusCode();
  }

  // --- reading what the desk reports ---------------------------------------------------------

  private Scrape scrape() {
    var response = api.get("/actuator/prometheus", "admin:admin");
    assertThat(response.statusCode()).isEqualTo(200);
    return Scrape.of(response.body());
  }

  /** Waits until a counter has moved by this much since the story began. */
  private void awaitCounter(String name, double moved, String... labels) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> scrape().value(name, labels) - before.value(name, labels) >= moved);
  }

  private double delta(String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  private void assertDelta(String name, double expected, String... labels) {
    assertThat(after.has(name, labels)).as(name + " " + List.of(labels) + " is served").isTrue();
    assertThat(delta(name, labels)).as(name + " " + List.of(labels)).isEqualTo(expected);
  }

  private static String text(JsonNode line, String field) {
    return line.path(field).asText("");
  }

  private static Predicate<MimeMessage> subjectContains(String text) {
    return message -> {
      try {
        return message.getSubject() != null && message.getSubject().contains(text);
      } catch (jakarta.mail.MessagingException e) {
        return false;
      }
    };
  }

  /** Every log line from now on, also as the desk writes it with the ECS format switched on. */
  private static OutputStreamAppender<ILoggingEvent> jsonLogsInto(ByteArrayOutputStream logs) {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var encoder = new StructuredLogEncoder();
    encoder.setContext(context);
    encoder.setFormat("ecs");
    encoder.start();
    var appender = new OutputStreamAppender<ILoggingEvent>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(logs);
    appender.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
    return appender;
  }
}
