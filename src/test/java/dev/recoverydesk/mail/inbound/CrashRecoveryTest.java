package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.oauth2.MailSignIn;
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

  @Autowired MailboxSweep sweep;
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

    MailboxSweep.sweep(settings, MailSignIn.withPassword(), inbox);

    assertThat(status(messageId)).isEqualTo("DELIVERED");
    assertThat(ended(check.instance())).isTrue();
    assertThat(mail.isSeen(SUPPORT, messageId)).as("the sweep only reads the mailbox").isFalse();

    // The IDLE loop, back, finds it stored: it removes it without storing or correlating again.
    poller.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> !exists(SUPPORT, messageId));
    assertThat(rows(messageId)).isEqualTo(1);
    assertThat(timesAnswered(check.instance())).isEqualTo(1);
  }

  /**
   * The IDLE loop flags a mail by its number in its own session. Were the sweep to expunge on
   * another connection, a server that renumbers every session at once (GreenMail does) would have
   * the loop flag, and then remove, a newer mail that no one stored: a lost reply.
   */
  @Test
  void a_sweep_never_moves_the_mails_under_the_idle_loop() throws Exception {
    var first = openCheck();
    var late = openCheck();
    poller.stop();
    var firstReply = mail.reply(first.sent(), first.contact().value(), "It is me.");
    mail.send(firstReply);
    await().atMost(Duration.ofSeconds(10)).until(() -> exists(SUPPORT, firstReply.getMessageID()));

    var properties = new java.util.Properties();
    properties.setProperty("mail.imap.peek", "true");
    try (var store = jakarta.mail.Session.getInstance(properties).getStore("imap")) {
      // The IDLE loop's session has fetched the first reply and is storing it.
      store.connect("127.0.0.1", IMAP_PORT, SUPPORT, "any password");
      var folder = store.getFolder("INBOX");
      folder.open(jakarta.mail.Folder.READ_WRITE);
      var fetched =
          folder
              .search(new jakarta.mail.search.HeaderTerm("Message-ID", firstReply.getMessageID()))[
              0];

      // Meanwhile the sweep takes it too, and the late reply arrives.
      MailboxSweep.sweep(settings, MailSignIn.withPassword(), inbox);
      var lateReply = mail.reply(late.sent(), late.contact().value(), "Me too.");
      mail.send(lateReply);
      await().atMost(Duration.ofSeconds(10)).until(() -> exists(SUPPORT, lateReply.getMessageID()));

      // The loop flags what it stored, by its number in its session.
      fetched.setFlag(jakarta.mail.Flags.Flag.SEEN, true);
      fetched.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
      folder.close(true);

      assertThat(mail.isSeen(SUPPORT, lateReply.getMessageID()))
          .as("the late reply is still there to be read")
          .isFalse();
      poller.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> ended(late.instance()));
      assertThat(status(lateReply.getMessageID())).isEqualTo("DELIVERED");
    }
  }

  private record Check(
      EmailAddress contact, ProcessInstance instance, jakarta.mail.internet.MimeMessage sent) {}

  private Check openCheck() {
    var caseId = CaseId.random();
    var contact =
        new EmailAddress("crash." + caseId.value().toLowerCase(Locale.ROOT) + "@example.com");
    var instance = contactCheck.start(caseId, contact, "en");
    BpmnAwareTests.assertThat(instance).isWaitingAt("send-contact-check");
    CaseJobs.runJob(processEngine, caseId.value(), "send-contact-check");
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
