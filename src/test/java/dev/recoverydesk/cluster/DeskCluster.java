package dev.recoverydesk.cluster;

import static org.awaitility.Awaitility.await;

import dev.recoverydesk.PostgresServer;
import dev.recoverydesk.RecoveryDeskApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.util.TestSocketUtils;

/**
 * Desk nodes as an operator runs them: each a JVM of its own with the production profile, all on
 * one PostgreSQL database (made for the cluster, dropped with it) and one mail server outside every
 * node, with the same secrets and public base URL. Tests start the nodes they need with settings of
 * their own on top of the shared ones, and may kill any of them.
 */
public final class DeskCluster implements AutoCloseable {

  public static final String ADMIN = "deskadmin";
  public static final String ADMIN_PASSWORD = "first administrator of the cluster";

  private final Path work;
  private final PostgresServer.Database database;
  private final StandaloneMailServer mailServer;
  private final List<Node> nodes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Where users reach the desk: the load balancer's address, the same for every node. */
  public final String publicBaseUrl = "https://recovery.example.com";

  public DeskCluster(Path work) {
    this.work = work;
    this.database = PostgresServer.create("cluster");
    StandaloneMailServer started = null;
    try {
      started = new StandaloneMailServer(work);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    this.mailServer = started;
  }

  public StandaloneMailServer mailServer() {
    return mailServer;
  }

  public Connection database() throws SQLException {
    return database.connect();
  }

  /** The database's JDBC URL, where the nodes connect unless told otherwise. */
  public String databaseUrl() {
    return database.url();
  }

  /**
   * Starts a node and waits until it serves requests.
   *
   * @param settings this node's own properties, over the cluster's
   */
  public Node start(String name, Map<String, String> settings) {
    for (var attempt = 1; ; attempt++) {
      try {
        return startOnFreePort(name, settings);
      } catch (RuntimeException failed) {
        // A port found free was taken before the node bound it (another process's connection).
        if (!(failed.getCause() instanceof PortTaken) || attempt == 3) {
          throw failed;
        }
      }
    }
  }

  private static final class PortTaken extends RuntimeException {
    PortTaken(String message) {
      super(message);
    }
  }

  private Node startOnFreePort(String name, Map<String, String> settings) {
    var port = TestSocketUtils.findAvailableTcpPort();
    var properties = new LinkedHashMap<String, String>();
    properties.put("spring.profiles.active", "production");
    properties.put("server.port", Integer.toString(port));
    properties.put("recovery.data-dir", work.resolve(name + "-data").toString());
    properties.put("spring.datasource.url", database.url());
    properties.put("spring.datasource.username", PostgresServer.USER);
    // Required by the production profile; a server with trust authentication ignores it.
    properties.put(
        "spring.datasource.password",
        PostgresServer.PASSWORD.isEmpty() ? "unused" : PostgresServer.PASSWORD);
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", Integer.toString(mailServer.smtpPort));
    // The test's mail server speaks plain SMTP without authentication.
    properties.put("spring.mail.properties.mail.smtp.auth", "false");
    properties.put("spring.mail.properties.mail.smtp.starttls.enable", "false");
    properties.put("spring.mail.properties.mail.smtp.starttls.required", "false");
    properties.put("recovery.mail.imap.host", "127.0.0.1");
    properties.put("recovery.mail.imap.port", Integer.toString(mailServer.imapPort));
    properties.put("recovery.mail.imap.ssl", "false");
    properties.put("recovery.mail.imap.username", StandaloneMailServer.SUPPORT);
    properties.put("recovery.mail.imap.password", "support");
    properties.put("recovery.public-base-url", publicBaseUrl);
    properties.put("recovery.security.token-secret", "one token secret for every node, 32+ bytes");
    properties.put("recovery.security.encryption-key", "one sealing key for every node, 32+ bytes");
    properties.put("recovery.admin.username", ADMIN);
    properties.put("recovery.admin.password", ADMIN_PASSWORD);
    // Which node ran a job, in the engine's job log and metrics.
    properties.put("camunda.bpm.generic-properties.properties.hostname", name);
    properties.put("spring.main.banner-mode", "off");
    properties.putAll(settings);

    var arguments = new ArrayList<String>();
    arguments.add("-cp");
    arguments.add(ChildJvm.applicationClassPath());
    arguments.add(RecoveryDeskApplication.class.getName());
    properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    var jvm =
        ChildJvm.start(
            name,
            List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
            arguments,
            work.resolve(name + ".log"));
    var node = new Node(name, port, jvm);
    nodes.add(node);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .failFast(
            () -> {
              if (!jvm.isAlive()) {
                nodes.remove(node);
                if (jvm.output().contains("Port " + port + " was already in use")) {
                  throw new PortTaken(name + ": port " + port + " was taken");
                }
                throw new IllegalStateException(name + " ended at start:\n" + jvm.output());
              }
            })
        .ignoreExceptions()
        .until(() -> get(node.url("/recovery")).statusCode() == 200);
    return node;
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** One desk node: its own JVM and HTTP port. */
  public static final class Node {
    public final String name;
    public final int port;
    private final ChildJvm jvm;

    Node(String name, int port, ChildJvm jvm) {
      this.name = name;
      this.port = port;
      this.jvm = jvm;
    }

    public URI url(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The same page on this node: a link from a mail, as the load balancer would route it. */
    public URI route(String publicUrl) {
      var uri = URI.create(publicUrl);
      return url(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    public boolean isAlive() {
      return jvm.isAlive();
    }

    /** {@code kill -9} of the node's JVM. */
    public void kill() {
      jvm.kill();
    }

    public String log() {
      return jvm.output();
    }

    @Override
    public String toString() {
      return name + " (pid " + jvm.pid() + ", port " + port + ")";
    }
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (var node : nodes) {
      try {
        node.jvm.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    try {
      mailServer.close();
    } finally {
      database.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  public static Path workDirectory(String name) {
    try {
      var dir = Path.of("target", "cluster", name).toAbsolutePath();
      Files.createDirectories(dir);
      return Files.createTempDirectory(dir, "run-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
