package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.RecoveryDeskApplication;
import java.nio.file.Path;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.test.util.TestSocketUtils;

/**
 * The production profile with every required setting: no demo users, no embedded mail server, the
 * contract's groups present, and health DOWN while the mail server does not answer.
 */
@Tag("own-application")
class ProductionProfileTest {

  @TempDir Path dataDir;

  @Test
  void production_has_groups_but_no_demo_users_and_no_mail_server_of_its_own() throws Exception {
    int nothingListens = TestSocketUtils.findAvailableTcpPort();
    try (var app =
        new SpringApplicationBuilder(RecoveryDeskApplication.class)
            .profiles("production")
            .run(
                "--server.port=0",
                "--recovery.data-dir=" + dataDir,
                "--spring.datasource.url=jdbc:h2:mem:production-profile;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa",
                "--spring.datasource.password=secret",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + nothingListens,
                "--recovery.mail.imap.host=127.0.0.1",
                "--recovery.mail.imap.port=" + nothingListens,
                "--recovery.mail.imap.username=support@example.com",
                "--recovery.mail.imap.password=secret",
                "--recovery.mail.imap.enabled=false",
                "--recovery.public-base-url=https://recovery.example.com",
                "--recovery.security.token-secret=0123456789abcdef0123456789abcdef0123",
                "--recovery.security.encryption-key=fedcba9876543210fedcba9876543210fedc",
                "--camunda.bpm.generate-unique-process-engine-name=true")) {

      var identity = app.getBean(IdentityService.class);
      assertThat(identity.createUserQuery().count()).isZero();
      assertThat(identity.createGroupQuery().list())
          .extracting(group -> group.getId())
          .contains("support-agents", "support-supervisors", "camunda-admin");
      assertThat(app.getBeanNamesForType(com.icegreen.greenmail.util.GreenMail.class)).isEmpty();
      // The dev mailbox and SMS outbox pages show anyone everything: never in production.
      assertThat(app.containsBean("devMailbox")).isFalse();
      assertThat(app.containsBean("devSmsOutbox")).isFalse();

      var health = app.getBean(HealthEndpoint.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    }
  }
}
