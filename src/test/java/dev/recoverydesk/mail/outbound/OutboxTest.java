package dev.recoverydesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.TestAccounts;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.mail.Outbox;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.util.TestSocketUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox: what a rolled-back transaction recorded is never sent, a step run again
 * after a crash mails once, one key mails once, mail waits out an SMTP outage with an incident on
 * its case and then goes out once, and several dispatchers on one database send each row once. Mail
 * is counted where it arrives, at the mail server.
 */
class OutboxTest extends IntegrationTest {

  @LocalServerPort int port;
  @Autowired Mailer mailer;
  @Autowired Outbox outbox;
  @Autowired OutboxRows rows;
  @Autowired GreenMail server;
  @Autowired JavaMailSenderImpl smtp;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired MutableClock clock;
  @Autowired AccountDirectory accounts;
  @Autowired ObjectMapper json;

  /** A domain of this test's own: what arrives there is this test's mail, and all of it. */
  private final String domain = "outbox-" + TestAccounts.suffix() + ".example";

  private int smtpPort;

  @AfterEach
  void smtpBackAndClockReset() {
    if (smtpPort != 0) {
      smtp.setPort(smtpPort);
    }
    clock.reset();
  }

  @Test
  void a_mail_recorded_in_a_transaction_that_rolls_back_is_neither_sent_nor_recorded() {
    var to = new EmailAddress("rolled-back@" + domain);
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            status -> {
              mailer.send(notice(to));
              status.setRollbackOnly();
            });
    outbox.dispatchDue();

    assertThat(arrived()).isEmpty();
    assertThat(count("select count(*) from outbox where recipient = ?", to.value())).isZero();
    assertThat(count("select count(*) from outbound_mail where recipient = ?", to.value()))
        .isZero();
  }

  @Test
  void a_step_run_again_after_a_crash_mails_once_and_its_record_keeps_no_body() {
    var to = new EmailAddress("crashed@" + domain);
    var key = "case-step-" + UUID.randomUUID();
    var transaction = new TransactionTemplate(transactions);
    // The first run recorded its mail, then its node died before the commit.
    transaction.executeWithoutResult(
        status -> {
          mailer.send(notice(to).withKey(key));
          status.setRollbackOnly();
        });
    assertThat(arrived()).isEmpty();
    // The job runs again on another node and commits.
    var messageId = transaction.execute(status -> mailer.send(notice(to).withKey(key)));
    outbox.dispatchDue();

    var arrived = arrived();
    assertThat(arrived).hasSize(1);
    assertThat(messageIdOf(arrived.get(0))).isEqualTo(messageId);
    var kept =
        jdbc.queryForMap(
            "select template, recipient, attempts, sent_at, subject, body_text, body_html"
                + " from outbox where message_key = ?",
            "mail:" + key);
    assertThat(kept.get("template")).isEqualTo("backup-codes-issued");
    assertThat(kept.get("recipient")).isEqualTo(to.value());
    assertThat(((Number) kept.get("attempts")).intValue()).isEqualTo(1);
    assertThat(kept.get("sent_at")).isNotNull();
    assertThat(kept.get("subject")).isNull();
    assertThat(kept.get("body_text")).isNull();
    assertThat(kept.get("body_html")).isNull();
    assertThat(count("select count(*) from outbound_mail where message_id = ?", messageId))
        .isEqualTo(1);
  }

  @Test
  void a_second_mail_recorded_under_the_same_key_is_not_sent() {
    var to = new EmailAddress("twice@" + domain);
    var key = "case-step-" + UUID.randomUUID();
    var first = mailer.send(notice(to).withKey(key));
    var second =
        new TransactionTemplate(transactions)
            .execute(status -> mailer.send(notice(to).withKey(key)));
    outbox.dispatchDue();

    assertThat(second).isEqualTo(first);
    assertThat(arrived()).hasSize(1);
    assertThat(count("select count(*) from outbox where message_key = ?", "mail:" + key))
        .isEqualTo(1);
  }

  @Test
  void while_smtp_is_down_mail_is_retried_its_case_shows_an_incident_and_then_it_goes_out_once()
      throws Exception {
    smtpPort = smtp.getPort();
    smtp.setPort(TestSocketUtils.findAvailableTcpPort());
    var caseId = openCase();
    CaseJobs.runDue(processEngine, caseId);
    assertThat(arrived()).isEmpty();
    assertThat(count("select count(*) from outbox where case_id = ? and sent_at is null", caseId))
        .as("mail of the case waiting in the outbox")
        .isPositive();

    // Retried with backoff: each retry is due only once its wait has passed.
    var incidents = List.<Incident>of();
    for (int attempt = 0; attempt < 6 && incidents.isEmpty(); attempt++) {
      clock.advance(Duration.ofMinutes(5));
      CaseJobs.sendDue(processEngine);
      incidents = deliveryIncidents(caseId);
    }
    assertThat(incidents).as("a mailDelivery incident on the case").isNotEmpty();
    assertThat(incidents.get(0).getIncidentMessage())
        .contains("not delivered after 3 attempts", "ConnectException", "SMTP server")
        .doesNotContain(domain);
    assertThat(
            count("select min(attempts) from outbox where case_id = ? and sent_at is null", caseId))
        .isGreaterThanOrEqualTo(3);
    assertThat(arrived()).isEmpty();

    smtp.setPort(smtpPort);
    clock.advance(Duration.ofMinutes(5));
    outbox.dispatchDue();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count("select count(*) from outbox where case_id = ? and sent_at is null", caseId)
                    == 0);
    var sent = count("select count(*) from outbox where case_id = ?", caseId);
    assertThat(arrived()).hasSize((int) sent);
    assertThat(deliveryIncidents(caseId)).as("resolved once the mail went out").isEmpty();

    // Nothing goes out again, however often the outbox looks.
    clock.advance(Duration.ofHours(1));
    outbox.dispatchDue();
    outbox.dispatchDue();
    assertThat(arrived()).hasSize((int) sent);
    assertThat(arrived().stream().map(OutboxTest::messageIdOf).distinct().count()).isEqualTo(sent);
  }

  @Test
  void dispatchers_on_four_threads_send_each_mail_once() throws Exception {
    var recipients = new ArrayList<String>();
    var now = clock.instant();
    for (int i = 0; i < 24; i++) {
      var to = "many-" + i + "@" + domain;
      recipients.add(to);
      // Recorded as a node that died before it could send would have left them.
      rows.insert(
          new OutboxRows.Recorded(
              "mail:" + UUID.randomUUID(),
              OutboxRows.MAIL,
              "backup-codes-issued",
              null,
              null,
              to,
              "<notice." + UUID.randomUUID() + "@recovery.local>",
              "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
              "support@recovery.local",
              "en",
              "Outbox " + i,
              "Text " + i,
              "<p>Text " + i + "</p>"),
          now);
    }
    var start = new CountDownLatch(1);
    var threads = Executors.newFixedThreadPool(4);
    try {
      var runs = new ArrayList<Future<?>>();
      for (int t = 0; t < 4; t++) {
        runs.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int round = 0; round < 5; round++) {
                    outbox.dispatchDue();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (var run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    var arrived = arrived();
    assertThat(arrived).hasSize(recipients.size());
    var to = new ArrayList<String>();
    for (var message : arrived) {
      to.add(message.getAllRecipients()[0].toString());
    }
    assertThat(to).containsExactlyInAnyOrderElementsOf(recipients);
    assertThat(
            jdbc.queryForList(
                "select distinct attempts from outbox where recipient like ?",
                Integer.class,
                "%@" + domain))
        .containsExactly(1);
  }

  private String openCase() throws Exception {
    var username = TestAccounts.create(accounts, "outbox");
    var response =
        new ApiClient(port)
            .post(
                "/api/recovery-requests",
                null,
                json.writeValueAsString(
                    Map.of(
                        "username",
                        username,
                        "contactEmail",
                        username + "@" + domain,
                        "problem",
                        "LOST_BACKUP_CODES")));
    assertThat(response.statusCode()).isEqualTo(202);
    return json.readTree(response.body()).get("caseId").asText();
  }

  private List<Incident> deliveryIncidents(String caseId) {
    var runtime = processEngine.getRuntimeService();
    Set<String> instances = new java.util.HashSet<>();
    runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(caseId)
        .list()
        .forEach(instance -> instances.add(instance.getId()));
    return runtime.createIncidentQuery().incidentType(OutboxIncidents.TYPE).list().stream()
        .filter(incident -> instances.contains(incident.getProcessInstanceId()))
        .toList();
  }

  private List<MimeMessage> arrived() {
    return List.of(server.getReceivedMessagesForDomain(domain));
  }

  private long count(String sql, Object... args) {
    var count = jdbc.queryForObject(sql, Long.class, args);
    return count == null ? 0 : count;
  }

  private static OutboundMail notice(EmailAddress to) {
    return OutboundMail.notice(
        to,
        "backup-codes-issued",
        Locale.ENGLISH,
        Map.of("username", "outbox", "displayName", "Outbox", "issuedAt", "now", "count", 10));
  }

  private static String messageIdOf(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
