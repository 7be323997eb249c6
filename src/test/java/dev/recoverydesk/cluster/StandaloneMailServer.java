package dev.recoverydesk.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.test.util.TestSocketUtils;

/**
 * GreenMail's standalone server ({@code com.icegreen:greenmail-standalone}, copied to {@code
 * target/greenmail/} by the build) in a JVM of its own: the one SMTP and IMAP server of every node,
 * as a site's mail server is, and no node's part. Any login is accepted and makes its mailbox, as
 * with the embedded server; the support mailbox is {@code support@recovery.local}, and mail to
 * {@code support+anything@recovery.local} lands in it.
 */
public final class StandaloneMailServer implements AutoCloseable {

  static final String JAR_PROPERTY = "greenmail.standalone.jar";
  public static final String SUPPORT = "support@recovery.local";

  public final int smtpPort = TestSocketUtils.findAvailableTcpPort();
  public final int imapPort = TestSocketUtils.findAvailableTcpPort();
  private final ChildJvm jvm;

  StandaloneMailServer(Path logs) {
    var jar =
        Path.of(
            System.getProperty(
                JAR_PROPERTY,
                Path.of("target", "greenmail", "greenmail-standalone.jar").toString()));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "GreenMail's standalone server is not at "
              + jar.toAbsolutePath()
              + ": the build copies it there (mvn -B verify, or mvn -B generate-test-resources)");
    }
    jvm =
        ChildJvm.start(
            "mail server",
            List.of(
                "-Xmx256m",
                "-Dgreenmail.smtp.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + smtpPort,
                "-Dgreenmail.imap.hostname=127.0.0.1",
                "-Dgreenmail.imap.port=" + imapPort,
                "-Dgreenmail.users=support:support@recovery.local",
                "-Dgreenmail.users.login=email",
                "-Dgreenmail.auth.disabled",
                // Sub-addressing, as a site's server does it: support+x@ lands in support@.
                "-Dgreenmail.sieve.ignore.detail=true"),
            List.of("-jar", jar.toAbsolutePath().toString()),
            logs.resolve("mail-server.log"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .failFast(
            () -> {
              if (!jvm.isAlive()) {
                throw new IllegalStateException("The mail server ended:\n" + jvm.output());
              }
            })
        .until(() -> listens(smtpPort) && listens(imapPort));
  }

  private static boolean listens(int port) {
    try (var socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    jvm.close();
  }
}
