package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.recovery.contact.ContactCheck;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Locale;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.mail.ImapIdleChannelAdapter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A node dies between storing a mail and telling the mailbox it has it. When the mailbox is read
 * again the mail comes back: it must be stored once and correlated once, and then marked seen.
 */
class CrashRecoveryTest extends IntegrationTest {

  private static final String SUPPORT = "support@recovery.local";

  @Autowired ContactCheck contactCheck;
  @Autowired Inbox inbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired dev.recoverydesk.mail.MailSettings settings;

  @Autowired
  @Qualifier("supportMailboxFlow")
  SmartLifecycle poller;

  @Autowired SupportMailbox.MailboxSweep sweep;
  @Autowired ImapIdleChannelAdapter adapter;

  private final MailClient mail = mail();

  @AfterEach
  void pollerRuns() {
    if (!poller.isRunning() || !adapter.isRunning()) {
      poller.stop();
      poller.start();
    }
  }

  @Test
  void a_crash_after_storing_and_correlating_does_not_correlate_twice() throws Exception {
    var check = openCheck();
    poller.stop();
    var reply = mail.reply(check.sent(), check.contact().value(), "It is me.");
    mail.send(reply);
    var messageId = reply.getMessageID();
    await().atMost(Duration.ofSeconds(10)).until(() -> exists(SUPPORT, messageId));

    // The run that crashed: stored and correlated, but never flagged \Seen.
    long id = inbox.store(mail.peek(SUPPORT, messageId));
    inbox.process(id);
    assertThat(ended(check.instance())).isTrue();
    assertThat(mail.isSeen(SUPPORT, messageId)).isFalse();

    poller.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> mail.isTaken(SUPPORT, messageId));
    assertThat(rows(messageId)).isEqualTo(1);
    assertThat(status(messageId)).isEqualTo("DELIVERED");
    assertThat(timesAnswered(check.instance())).isEqualTo(1);
    assertThat(triageTasksFor(id)).isZero();
    // Stored, so the mailbox keeps no copy: it stays small to search and fetch from.
    await().atMost(Duration.ofSeconds(20)).until(() -> !exists(SUPPORT, messageId));
  }

  @Test
  void a_crash_after_storing_but_before_reading_reads_it_once_on_restart() throws Exception {
    var check = openCheck();
    poller.stop();
    var reply = mail.reply(check.sent(), check.contact().value(), "It is me.");
    mail.send(reply);
    var messageId = reply.getMessageID();
    await().atMost(Duration.ofSeconds(10)).until(() -> exists(SUPPORT, messageId));

    // The run that crashed: stored only.
    long id = inbox.store(mail.peek(SUPPORT, messageId));
    assertThat(status(messageId)).isEqualTo("RECEIVED");

    poller.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> mail.isTaken(SUPPORT, messageId));
    await().atMost(Duration.ofSeconds(20)).until(() -> ended(check.instance()));
    assertThat(rows(messageId)).isEqualTo(1);
    assertThat(status(messageId)).isEqualTo("DELIVERED");
    assertThat(timesAnswered(check.instance())).isEqualTo(1);
    assertThat(triageTasksFor(id)).isZero();
  }

  @Test
  void stored_mail_whose_processing_never_ran_is_swept_up() throws Exception {
    var check = openCheck();
    var reply = mail.reply(check.sent(), check.contact().value(), "It is me.");
    reply.saveChanges();
    var raw = new java.io.ByteArrayOutputStream();
    reply.writeTo(raw);

    // Stored by a node that died before processing it; the mailbox will never show it again.
    long id = inbox.store(raw.toByteArray());
    assertThat(status(reply.getMessageID())).isEqualTo("RECEIVED");

    await().atMost(Duration.ofSeconds(20)).until(() -> ended(check.instance()));
    assertThat(status(reply.getMessageID())).isEqualTo("DELIVERED");
    assertThat(timesAnswered(check.instance())).isEqualTo(1);
    assertThat(triageTasksFor(id)).isZero();
  }

  @Test
  void the_scheduled_sweep_follows_the_idle_adapter_not_the_flows_own_flag() {
    assertThat(sweep.active()).isTrue();
    poller.stop();
    assertThat(sweep.active()).as("paused while the poller is stopped").isFalse();

    // Started on its own, as at every application start: the flow's flag stays false.
    adapter.start();
    assertThat(poller.isRunning()).isFalse();
    assertThat(sweep.active()).isTrue();
  }

  @Test
  void the_mailbox_sweep_takes_what_a_stalled_idle_connection_missed() throws Exception {
    var check = openCheck();
    poller.stop(); // as good as an IDLE connection the server stopped answering
    var reply = mail.reply(check.sent(), check.contact().value(), "It is me.");
    mail.send(reply);
    var messageId = reply.getMessageID();
    await().atMost(Duration.ofSeconds(10)).until(() -> exists(SUPPORT, messageId));

    SupportMailbox.sweep(settings, inbox);

    assertThat(exists(SUPPORT, messageId)).as("removed from the mailbox once stored").isFalse();
    assertThat(status(messageId)).isEqualTo("DELIVERED");
    assertThat(ended(check.instance())).isTrue();
  }

  private record Check(
      EmailAddress contact, ProcessInstance instance, jakarta.mail.internet.MimeMessage sent) {}

  private Check openCheck() {
    var caseId = CaseId.random();
    var contact =
        new EmailAddress("crash." + caseId.value().toLowerCase(Locale.ROOT) + "@example.com");
    var instance = contactCheck.start(caseId, contact, "en");
    BpmnAwareTests.assertThat(instance).isWaitingAt("send-contact-check");
    execute(job());
    return new Check(contact, instance, mail.awaitMail(contact.value(), message -> true));
  }

  private boolean exists(String address, String messageId) {
    try {
      mail.peek(address, messageId);
      return true;
    } catch (IllegalStateException notYet) {
      return false;
    }
  }

  private boolean ended(ProcessInstance instance) {
    return processEngine
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceId(instance.getId())
            .count()
        == 0;
  }

  private long timesAnswered(ProcessInstance instance) {
    return processEngine
        .getHistoryService()
        .createHistoricActivityInstanceQuery()
        .processInstanceId(instance.getId())
        .activityId("contact-confirmed")
        .count();
  }

  private long triageTasksFor(long mailId) {
    return processEngine
        .getHistoryService()
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("inbound-mail-triage")
        .variableValueEquals("mailId", mailId)
        .count();
  }

  private int rows(String messageId) {
    return jdbc.queryForObject(
        "select count(*) from inbound_mail where message_id = ?", Integer.class, messageId);
  }

  private String status(String messageId) throws MessagingException {
    return jdbc.queryForObject(
        "select status from inbound_mail where message_id = ?", String.class, messageId);
  }
}
