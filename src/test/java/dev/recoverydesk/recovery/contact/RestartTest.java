package dev.recoverydesk.recovery.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoverydesk.MailClient;
import dev.recoverydesk.RecoveryDeskApplication;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/**
 * The desk as an operator runs it, job executor and all, stopped and started again on the same data
 * directory: a case waiting for a reply is still waiting, and the reply still lands.
 */
@Tag("own-application")
class RestartTest {

  @TempDir Path dataDir;

  @Test
  void a_waiting_case_survives_a_restart() throws Exception {
    var caseId = CaseId.random();
    var contact = new EmailAddress("restart@example.com");

    String instanceId;
    MimeMessage check;
    try (var first = start()) {
      var instance = first.getBean(ContactCheck.class).start(caseId, contact, "en");
      instanceId = instance.getId();
      // The real job executor sends the mail; the instance then waits for the reply.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> waitingForReply(first.getBean(RuntimeService.class), instanceId));
      check = mailClientOf(first).awaitMail(contact.value(), sent -> true);
    }

    try (var second = start()) {
      var runtime = second.getBean(RuntimeService.class);
      assertThat(waitingForReply(runtime, instanceId)).isTrue();

      // The user answers the mail that came before the restart: to its signed reply address.
      var mail = mailClientOf(second);
      mail.send(
          mail.compose(
              contact.value(),
              check.getHeader("Reply-To")[0],
              "Re: " + check.getSubject(),
              "Still me.",
              Map.of("In-Reply-To", check.getMessageID())));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  runtime.createProcessInstanceQuery().processInstanceId(instanceId).count() == 0);
    }
  }

  private static boolean waitingForReply(RuntimeService runtime, String instanceId) {
    return runtime.getActiveActivityIds(instanceId).contains("wait-for-reply");
  }

  private ConfigurableApplicationContext start() {
    int smtp = TestSocketUtils.findAvailableTcpPort();
    int imap = TestSocketUtils.findAvailableTcpPort();
    return new SpringApplicationBuilder(RecoveryDeskApplication.class)
        .run(
            "--server.port=0",
            "--recovery.data-dir=" + dataDir,
            "--spring.mail.port=" + smtp,
            "--recovery.mail.imap.port=" + imap,
            "--recovery.mail.poll-interval=PT1S",
            "--camunda.bpm.generate-unique-process-engine-name=true");
  }

  private static MailClient mailClientOf(ConfigurableApplicationContext context) {
    var environment = context.getEnvironment();
    return new MailClient(
        "127.0.0.1",
        environment.getRequiredProperty("spring.mail.port", Integer.class),
        environment.getRequiredProperty("recovery.mail.imap.port", Integer.class));
  }
}
