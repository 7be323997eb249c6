package dev.recoverydesk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.GreenMail;
import com.zaxxer.hikari.HikariDataSource;
import dev.recoverydesk.PostgresServer;
import dev.recoverydesk.RecoveryDeskApplication;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

/**
 * The whole desk as an operator runs it (job executor, IMAP IDLE poller, embedded H2 and GreenMail)
 * with short waits. Users open cases through {@code POST /api/recovery-requests} and answer the
 * questionnaire by replying over SMTP; the desk reads the replies back over IMAP.
 */
final class DeskUnderLoad implements StackUnderTest {

  private static final Logger log = LoggerFactory.getLogger(DeskUnderLoad.class);
  private static final String DOMAIN = "bench.example";
  private static final String QUESTIONNAIRE = "Please answer a few questions";
  private static final LocalDate CREATED = LocalDate.of(2019, 4, 1);
  private static final String POST = "Finished the coastal walk in the rain, worth it.";

  private final PostgresServer.Database database;
  private final ConfigurableApplicationContext app;
  private final ProcessEngine engine;
  private final AccountDirectory accounts;
  private final GreenMail mailServer;
  private final Session smtp;
  private final HttpClient http;
  private final List<URI> requests;
  private final List<ConfigurableApplicationContext> others = new ArrayList<>();
  private final AtomicLong opened = new AtomicLong();
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService replies;
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final AtomicLong mailsOut = new AtomicLong();
  private final AtomicLong mailsIn = new AtomicLong();

  /** A locked-out user: an account, a mailbox, and the case once opened. */
  private static final class User {
    final String username;
    final String email;
    final MailFolder inbox;
    volatile String caseId;
    volatile long answersSentAt;
    int read;

    User(String username, String email, MailFolder inbox) {
      this.username = username;
      this.email = email;
      this.inbox = inbox;
    }
  }

  /**
   * @param onPostgres on a PostgreSQL database of its own, created here and dropped by {@link
   *     #close()}, with the production profile's database and job executor settings (profile {@code
   *     cluster}), rather than the embedded H2 file
   * @param nodes on PostgreSQL, how many desk nodes share its database and the first node's mail
   *     server, each with its own HTTP port; requests go to them in turn
   */
  DeskUnderLoad(Path workDir, Duration holdPeriod, boolean onPostgres, int nodes) {
    database = onPostgres ? PostgresServer.create("bench_desk") : null;
    var arguments = new ArrayList<String>();
    if (database != null) {
      arguments.addAll(
          List.of(
              "--spring.profiles.active=demo,cluster",
              "--spring.datasource.url=" + database.url(),
              "--spring.datasource.username=" + PostgresServer.USER,
              "--spring.datasource.password=" + PostgresServer.PASSWORD));
    }
    int httpPort = TestSocketUtils.findAvailableTcpPort();
    int smtpPort = TestSocketUtils.findAvailableTcpPort();
    int imapPort = TestSocketUtils.findAvailableTcpPort();
    arguments.addAll(
        List.of(
            // Every node has the first node's keys, as the nodes of a cluster share them: a reply
            // address signed by one node is read by the node that holds the mailbox.
            "--recovery.data-dir=" + workDir.resolve("desk-data"),
            "--spring.mail.port=" + smtpPort,
            "--recovery.mail.imap.port=" + imapPort,
            "--recovery.reset.hold-period=" + holdPeriod,
            // Every simulated user asks from 127.0.0.1: one client, thousands of requests.
            "--recovery.cases.max-per-client=1000000",
            // The product's models only, not the test suite's extra ones.
            "--camunda.bpm.deployment-resource-pattern=classpath*:processes/*.bpmn,"
                + "classpath*:processes/*.dmn,classpath*:processes/*.form",
            "--spring.main.banner-mode=off",
            // Another desk may run in the same JVM (the benchmark's own test, a second node).
            "--camunda.bpm.generate-unique-process-engine-name=true",
            "--logging.file.name=" + workDir.resolve("desk.log"),
            "--logging.threshold.console=OFF"));
    app = node(arguments, httpPort);
    engine = app.getBean(ProcessEngine.class);
    accounts = app.getBean(AccountDirectory.class);
    mailServer = app.getBean(GreenMail.class);
    var properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(smtpPort));
    smtp = Session.getInstance(properties);
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    var addresses = new ArrayList<URI>();
    addresses.add(URI.create("http://127.0.0.1:" + httpPort + "/api/recovery-requests"));
    // Further nodes use the first one's mail server.
    arguments.add("--recovery.mail.embedded.enabled=false");
    for (int node = 2; node <= nodes; node++) {
      int port = TestSocketUtils.findAvailableTcpPort();
      others.add(node(arguments, port));
      addresses.add(URI.create("http://127.0.0.1:" + port + "/api/recovery-requests"));
    }
    requests = List.copyOf(addresses);
    replies = Executors.newFixedThreadPool(2, Threads.named("user-mail"));
  }

  private static ConfigurableApplicationContext node(List<String> arguments, int httpPort) {
    var node = new ArrayList<>(arguments);
    node.add("--server.port=" + httpPort);
    node.add("--recovery.public-base-url=http://127.0.0.1:" + httpPort);
    return new SpringApplicationBuilder(RecoveryDeskApplication.class)
        .run(node.toArray(String[]::new));
  }

  @Override
  public String name() {
    return "the desk";
  }

  /** The desk's connection pool, whose settings the baseline copies. */
  HikariDataSource dataSource() {
    return app.getBean(HikariDataSource.class);
  }

  @Override
  public ProcessEngine engine() {
    return engine;
  }

  /**
   * Each user lost the phone with the authenticator app, kept no backup codes and has not signed in
   * for months: nothing is left to try alone, so the case goes through identity verification.
   */
  @Override
  public void prepare(String batch, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      var username = "bench_" + batch + "_" + i;
      var email = username + "@" + DOMAIN;
      accounts.save(
          new Account(
              username,
              "Bench user " + i,
              new EmailAddress(email),
              List.of(),
              new PhoneNumber(phone(i)),
              "docomo",
              "en",
              CREATED,
              new Account.TwoFactor(false, true, false),
              List.of(
                  new Account.Device(
                      "Pixel 8", "Chrome", Instant.now().minus(Duration.ofDays(120)), "JP")),
              List.of(new Account.Post(LocalDate.now().minusDays(3), POST)),
              List.of("alice", "nasa", "sourdoughclub")));
      var user = new User(username, email, inbox(email));
      users.put(key(batch, i), user);
      user.inbox.addListener(new Arrivals(user));
    }
  }

  private MailFolder inbox(String email) throws Exception {
    var account = mailServer.setUser(email, email, "bench");
    return mailServer.getManagers().getImapHostManager().getInbox(account);
  }

  @Override
  public String open(String batch, int index) throws Exception {
    var user = users.get(key(batch, index));
    var body = new HashMap<String, String>();
    body.put("username", user.username);
    body.put("contactEmail", user.email);
    body.put("problem", "LOST_PHONE");
    body.put("locale", "en");
    var response =
        http.send(
            HttpRequest.newBuilder(requests.get((int) (opened.getAndIncrement() % requests.size())))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "The request of " + user.username + " answered " + response.statusCode());
    }
    user.caseId = json.readTree(response.body()).get("caseId").asText();
    return user.caseId;
  }

  /** Every new mail in a user's inbox: counted, and a questionnaire is answered at once. */
  private final class Arrivals implements FolderListener {
    private final User user;

    Arrivals(User user) {
      this.user = user;
    }

    @Override
    public void added(int messageNumber) {
      mailsOut.incrementAndGet();
      replies.execute(() -> read(user));
    }

    @Override
    public void expunged(int messageNumber) {}

    @Override
    public void flagsUpdated(int messageNumber, Flags flags, Long uid) {}

    @Override
    public void mailboxDeleted() {}
  }

  private void read(User user) {
    synchronized (user) {
      var messages = user.inbox.getMessages();
      for (; user.read < messages.size(); user.read++) {
        try {
          var mail = messages.get(user.read).getMimeMessage();
          var subject = mail.getSubject();
          if (user.answersSentAt == 0 && subject != null && subject.startsWith(QUESTIONNAIRE)) {
            answer(user, mail);
          }
        } catch (MessagingException e) {
          log.error("User {} could not read or answer a mail", user.username, e);
        }
      }
    }
  }

  /** A plain reply from the user's mail client: threaded, to the address the desk gave. */
  private void answer(User user, MimeMessage questionnaire) throws MessagingException {
    var reply = new MimeMessage(smtp);
    reply.setFrom(new InternetAddress(user.email));
    reply.setRecipients(Message.RecipientType.TO, questionnaire.getReplyTo());
    reply.setSubject("Re: " + questionnaire.getSubject(), StandardCharsets.UTF_8.name());
    reply.setHeader("In-Reply-To", questionnaire.getMessageID());
    reply.setHeader("References", questionnaire.getMessageID());
    reply.setText(
        String.join(
            "\n",
            "1. " + user.email,
            "2. " + nationalPhone(user),
            "3. April 2019",
            "4. " + POST,
            "5. alice nasa",
            "6. Pixel 8, Chrome",
            "",
            "Thanks!"),
        StandardCharsets.UTF_8.name());
    long sentAt = System.currentTimeMillis();
    Transport.send(reply);
    user.answersSentAt = sentAt;
    mailsIn.incrementAndGet();
  }

  @Override
  public long mailsOut() {
    return mailsOut.get();
  }

  @Override
  public long mailsIn() {
    return mailsIn.get();
  }

  @Override
  public Map<String, Long> answersSentAt() {
    var sent = new HashMap<String, Long>();
    for (var user : users.values()) {
      if (user.caseId != null && user.answersSentAt != 0) {
        sent.put(user.caseId, user.answersSentAt);
      }
    }
    return sent;
  }

  @Override
  public void close() {
    replies.shutdownNow();
    try {
      replies.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    others.forEach(ConfigurableApplicationContext::close);
    app.close();
    if (database != null) {
      database.close();
    }
  }

  private static String key(String batch, int index) {
    return batch + "/" + index;
  }

  /** A Japanese mobile number per user: +81 90 then eight digits. */
  private static String phone(int index) {
    return "+8190" + String.format("%08d", 10_000_000 + index).substring(0, 8);
  }

  private static String nationalPhone(User user) {
    var digits =
        phone(Integer.parseInt(user.username.substring(user.username.lastIndexOf('_') + 1)));
    return "090-" + digits.substring(5, 9) + "-" + digits.substring(9);
  }
}
