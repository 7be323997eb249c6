package dev.recoverydesk.mail.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.system.InvalidConfigurationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * GreenMail in-process, so a laptop has a whole support desk without a mail server: SMTP and IMAP
 * on the addresses the desk itself connects to ({@code spring.mail.*} and {@code
 * recovery.mail.imap.*}).
 *
 * <p>Like a real server it routes sub-addresses ({@code support+x@} lands in {@code support@}), and
 * it takes any password, so anyone can read any demo user's mail over IMAP with the full address as
 * login. Off in production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "recovery.mail.embedded.enabled", matchIfMissing = true)
class EmbeddedMailServerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServerConfiguration.class);

  @Bean(destroyMethod = "stop")
  GreenMail embeddedMailServer(MailProperties smtp, MailSettings settings) {
    int smtpPort = smtp.getPort() == null ? 25 : smtp.getPort();
    requireFree("spring.mail.port", smtp.getHost(), smtpPort);
    requireFree("recovery.mail.imap.port", settings.imap().host(), settings.imap().port());

    var server =
        new PromptGreenMail(
            new ServerSetup[] {
              new ServerSetup(smtpPort, smtp.getHost(), ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(
                  settings.imap().port(), settings.imap().host(), ServerSetup.PROTOCOL_IMAP)
            });
    server.withConfiguration(
        GreenMailConfiguration.aConfig().withDisabledAuthentication().withSieveIgnoreDetail());
    server.start();
    var support = settings.supportAddress().value();
    server.setUser(support, support, "support");
    log.info(
        "Embedded mail server: SMTP {}:{}, IMAP {}:{}, support mailbox {}",
        smtp.getHost(),
        smtpPort,
        settings.imap().host(),
        settings.imap().port(),
        support);
    return server;
  }

  /** GreenMail reports a taken port only as a start-up timeout; say what is really wrong. */
  private static void requireFree(String property, String host, int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          property,
          "= " + port + ": the embedded mail server cannot listen on " + host + ":" + port + ".",
          "Stop whatever uses port "
              + port
              + " (another Recovery Desk?) or choose a free port with --"
              + property
              + "=<port>.");
    }
  }
}
