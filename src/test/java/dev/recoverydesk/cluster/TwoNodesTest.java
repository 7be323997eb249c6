package dev.recoverydesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.PostgresServer;
import dev.recoverydesk.cluster.DeskCluster.Node;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two desk nodes behind one public address, as production runs them: each a JVM of its own with the
 * production profile and its job executor on, both on one PostgreSQL database, both sending through
 * one mail server that is neither's. Agents and users are sent to either node, and the work they
 * start is done once, by whichever node takes it; a node killed with locks held loses nothing.
 *
 * <p>Both nodes may read the support mailbox, and one does: the one elected by the mailbox lock
 * (node A, started first). When node A is killed, node B reads the mailbox once the lock's time to
 * live has passed.
 *
 * <p>The last test kills node A: tests that need both nodes come before it.
 */
@Tag("own-application")
@ExtendWith(PostgresServer.Available.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {

  private static final String AGENT = "agent";
  private static final String SUPERVISOR = "supervisor";
  private static final String AGENT_PASSWORD = "agent password of the cluster";
  private static final String SUPERVISOR_PASSWORD = "supervisor password of the cluster";
  private static final Duration HOLD = Duration.ofSeconds(20);

  /** The production profile's lock time (application-cluster.yaml), and its acquisition wait. */
  private static final Duration LOCK_TIME = Duration.ofSeconds(60);

  private static final Duration MAX_WAIT = Duration.ofSeconds(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeskCluster cluster;
  private static Node a;
  private static Node b;
  private static MailClient mail;

  @BeforeAll
  static void twoNodesOnOneDatabaseAndOneMailServer() throws Exception {
    cluster = new DeskCluster(DeskCluster.workDirectory("two-nodes"));
    var shared = Map.of("recovery.reset.hold-period", HOLD.toString());
    // A first: on an empty database one node creates the engine's schema, then the others start.
    a = cluster.start("node-a", reader(shared, "node-a"));
    b = cluster.start("node-b", reader(shared, "node-b"));
    mail =
        new MailClient("127.0.0.1", cluster.mailServer().smtpPort, cluster.mailServer().imapPort);
    var admin = admin(a);
    user(admin, AGENT, AGENT_PASSWORD, "support-agents");
    user(admin, SUPERVISOR, SUPERVISOR_PASSWORD, "support-agents", "support-supervisors");
  }

  private static Map<String, String> reader(Map<String, String> shared, String name) {
    var properties = new HashMap<>(shared);
    properties.put("recovery.mail.imap.enabled", "true");
    properties.put("recovery.mail.imap.leader.node-name", name);
    return properties;
  }

  @AfterAll
  static void stopped() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void a_tasklist_login_on_one_node_is_a_login_on_the_other() throws Exception {
    var browser = new Browser();
    browser.get(a.url("/camunda/app/tasklist/default/"));
    var login = login(browser, a);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    // The next requests go to B, which never saw the login.
    var who = browser.webapp("GET", b.url("/camunda/api/admin/auth/user/default"), null, null);
    assertThat(who.statusCode()).as(who.body()).isEqualTo(200);
    assertThat(JSON.readTree(who.body()).get("userId").asText()).isEqualTo(AGENT);
    var filters =
        browser.webapp(
            "GET",
            b.url("/camunda/api/engine/engine/default/filter?resourceType=Task"),
            null,
            null);
    assertThat(filters.statusCode()).as(filters.body()).isEqualTo(200);
    var filter = JSON.readTree(filters.body()).get(0).get("id").asText();
    // Tasklist lists a queue with a POST: B checks the CSRF token A's session holds.
    var queue = b.url("/camunda/api/engine/engine/default/filter/" + filter + "/list");
    var listed = browser.webapp("POST", queue, "application/json", "{}");
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    var stranger = new Browser();
    stranger.get(b.url("/camunda/app/tasklist/default/"));
    var refused = stranger.webapp("POST", queue, "application/json", "{}");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);

    var logout =
        browser.webapp(
            "POST", b.url("/camunda/api/admin/auth/user/default/logout"), "application/json", "");
    assertThat(logout.statusCode()).as(logout.body()).isIn(200, 204);
    var afterLogout =
        browser.webapp(
            "POST",
            a.url("/camunda/api/engine/engine/default/filter/" + filter + "/list"),
            "application/json",
            "{}");
    assertThat(afterLogout.statusCode()).as("signed out on B is signed out on A").isEqualTo(401);

    // A forged request (no token) on one node ends the session on every node.
    var again = new Browser();
    again.get(a.url("/camunda/app/tasklist/default/"));
    assertThat(login(again, a).statusCode()).isEqualTo(200);
    assertThat(again.webappWithoutToken("POST", queue, "application/json", "{}").statusCode())
        .isEqualTo(403);
    assertThat(
            again
                .webapp(
                    "POST",
                    a.url("/camunda/api/engine/engine/default/filter/" + filter + "/list"),
                    "application/json",
                    "{}")
                .statusCode())
        .isIn(401, 403);
    try (var db = cluster.database();
        var rows = db.createStatement().executeQuery("select count(*) from spring_session")) {
      rows.next();
      assertThat(rows.getInt(1)).as("sessions kept in the shared database").isPositive();
    }
  }

  @Test
  @Order(2)
  void the_request_form_from_one_node_is_posted_to_the_other() throws Exception {
    var user = account(admin(a), "form");
    var browser = new Browser();
    var form = browser.get(a.url("/recovery?lang=en"));
    assertThat(form.statusCode()).isEqualTo(200);

    var posted =
        browser.submit(
            b.url("/recovery"),
            form.body(),
            Map.of(
                "lang", "en",
                "username", user.username,
                "contactEmail", user.address,
                "problem", "OTHER",
                "description", "New phone, no codes."));
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
    var received = browser.get(a.url("/recovery/received"));
    var caseId = Pattern.compile("RC-[0-9A-Z]{6}").matcher(received.body());
    assertThat(caseId.find()).as(received.body()).isTrue();
    assertThat(status(a, caseId.group())).isIn("OPEN", "AWAITING_USER");
  }

  /**
   * Three users' cases. The first goes from a request on A through a reply by mail (read by A), a
   * review on B and an approval on A to its reset, by whichever node takes each job; its codes page
   * is loaded on one node and posted to the other. The second is cancelled from the link in its
   * hold notice, the page loaded on B and posted to A. The third's hold is locked by node A, and A
   * is killed: B runs the reset once the lock has expired, within the lock time and one acquisition
   * wait.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void cases_move_between_nodes_every_mail_and_job_happens_once_and_a_dead_nodes_jobs_are_taken()
      throws Exception {
    var admin = admin(a);
    var users = List.of(account(admin, "erin"), account(admin, "carl"), account(admin, "kate"));
    for (var user : users) {
      user.caseId = open(a, user);
    }
    for (var user : users) {
      var questionnaire = mail.awaitMail(user.address, subject("Please answer"));
      var reply = mail.reply(questionnaire, user.address, answers(user));
      mail.send(reply);
      user.replyId = reply.getMessageID();
    }
    for (var user : users) {
      awaitStatus(b, user, "IN_REVIEW");
      complete(b, AGENT + ":" + AGENT_PASSWORD, user, "review-identity");
    }
    for (var user : users) {
      awaitStatus(a, user, "AWAITING_APPROVAL");
      complete(a, SUPERVISOR + ":" + SUPERVISOR_PASSWORD, user, "approve-reset");
    }
    var first = users.get(0);
    var cancelled = users.get(1);
    var takenOver = users.get(2);

    // Node A takes the third case's hold and dies with the lock held.
    awaitStatus(b, takenOver, "RESET_PENDING");
    Instant lockExpires = lockAsDeadNode(takenOver);

    awaitStatus(b, cancelled, "RESET_PENDING");
    var notice = mail.awaitMail(cancelled.address, subject("will be reset"));
    var cancelLink = link(MailClient.text(notice), "cancel");
    var browser = new Browser();
    var confirm = browser.get(b.route(cancelLink));
    assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
    var cancelledPage = browser.submit(a.route(cancelLink), confirm.body(), Map.of());
    assertThat(cancelledPage.statusCode()).as(cancelledPage.body()).isEqualTo(200);
    assertThat(status(b, cancelled.caseId)).isEqualTo("CANCELLED");

    awaitStatus(b, first, "RESOLVED", HOLD.plus(Duration.ofSeconds(30)));
    var codesMail = mail.awaitMail(first.address, subject("are ready"));
    var codesLink = link(MailClient.text(codesMail), "codes");
    var codesBrowser = new Browser();
    var codesPage = codesBrowser.get(a.route(codesLink));
    assertThat(codesPage.statusCode()).isEqualTo(200);
    var shown = codesBrowser.submit(b.route(codesLink), codesPage.body(), Map.of());
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    assertThat(Pattern.compile("class=\"backup-code\">").matcher(shown.body()).results().count())
        .isEqualTo(5);

    // One reader of the mailbox, node A; a case opened on B waits for its reply.
    assertThat(mailboxReader()).startsWith("node-a-");
    var lateReply = account(admin, "lena");
    lateReply.caseId = open(b, lateReply);
    var lateQuestionnaire = mail.awaitMail(lateReply.address, subject("Please answer"));

    a.kill();
    assertThat(a.isAlive()).isFalse();
    var reply = mail.reply(lateQuestionnaire, lateReply.address, answers(lateReply));
    mail.send(reply);
    lateReply.replyId = reply.getMessageID();
    // The lock's time to live (application.yaml), one retry, an IMAP login and the reply's steps.
    awaitStatus(b, lateReply, "IN_REVIEW", Duration.ofSeconds(15 + 1 + 30));
    assertThat(mailboxReader()).startsWith("node-b-");
    awaitStatus(b, takenOver, "RESOLVED", LOCK_TIME.plus(MAX_WAIT).plus(Duration.ofSeconds(30)));
    var reset = jobRun(takenOver, "reset-hold");
    assertThat(reset.host()).isEqualTo("node-b");
    assertThat(reset.at())
        .as("taken once the dead node's lock expired, within one acquisition wait")
        .isAfterOrEqualTo(lockExpires.minusMillis(500))
        .isBefore(lockExpires.plus(MAX_WAIT).plusSeconds(10));
    mail.awaitMail(takenOver.address, subject("are ready"));
    System.out.printf(
        "The dead node's lock on %s expired at %s; node-b ran the job %d ms later%n",
        takenOver.caseId, lockExpires, Duration.between(lockExpires, reset.at()).toMillis());

    everyMailStoredOnce(List.of(first, cancelled, takenOver, lateReply));
    everyJobRanOnce();
    for (var user : users) {
      everyMailSentOnce(user);
    }
  }

  /** Tasklist's login form, as its page sends it: with the CSRF token of the page's session. */
  private static HttpResponse<String> login(Browser browser, Node node) throws Exception {
    return browser.webapp(
        "POST",
        node.url("/camunda/api/admin/auth/user/default/login/tasklist"),
        "application/x-www-form-urlencoded",
        "username=" + AGENT + "&password=" + AGENT_PASSWORD.replace(" ", "+"));
  }

  // --- what is checked -------------------------------------------------------------------------

  /** The node that holds the mailbox reader's lock (Spring Integration's lock table). */
  private static String mailboxReader() throws SQLException {
    try (var db = cluster.database()) {
      var holder = db.createStatement().executeQuery("select client_id from int_lock");
      assertThat(holder.next()).as("a mailbox reader").isTrue();
      return holder.getString(1);
    }
  }

  private static void everyMailStoredOnce(List<User> users) throws SQLException {
    try (var db = cluster.database()) {
      var twice =
          db.createStatement()
              .executeQuery(
                  "select message_id from inbound_mail group by message_id having count(*) > 1");
      assertThat(twice.next()).as("a mail stored twice").isFalse();
      for (var user : users) {
        var stored = db.prepareStatement("select count(*) from inbound_mail where message_id = ?");
        stored.setString(1, user.replyId);
        var count = stored.executeQuery();
        count.next();
        assertThat(count.getInt(1)).as("the reply of " + user.username).isEqualTo(1);
      }
    }
  }

  /** In the engine's job log: no job succeeded twice, none failed, and both nodes ran jobs. */
  private static void everyJobRanOnce() throws SQLException {
    try (var db = cluster.database()) {
      var twice =
          db.createStatement()
              .executeQuery(
                  "select job_id_, count(*) from act_hi_job_log where job_state_ = 2"
                      + " group by job_id_ having count(*) > 1");
      assertThat(twice.next()).as("a job that succeeded twice").isFalse();
      var failed =
          db.createStatement()
              .executeQuery(
                  "select act_id_, job_exception_msg_ from act_hi_job_log where job_state_ = 1");
      var failures = new ArrayList<String>();
      while (failed.next()) {
        failures.add(failed.getString(1) + ": " + failed.getString(2));
      }
      assertThat(failures).as("failed jobs").isEmpty();
      var hosts =
          db.createStatement()
              .executeQuery(
                  "select hostname_, count(*) from act_hi_job_log where job_state_ = 2"
                      + " group by hostname_ order by hostname_");
      var ran = new ArrayList<String>();
      while (hosts.next()) {
        ran.add(hosts.getString(1));
        System.out.printf("%s ran %d jobs%n", hosts.getString(1), hosts.getInt(2));
      }
      assertThat(ran)
          .as("the nodes whose job executors ran jobs")
          .containsExactly("node-a", "node-b");
    }
  }

  /** Every mail the user got is a different one: no template twice, no Message-ID twice. */
  private static void everyMailSentOnce(User user) throws MessagingException {
    var inbox = mail.inbox(user.address);
    var subjects = new ArrayList<String>();
    var ids = new ArrayList<String>();
    for (MimeMessage message : inbox) {
      subjects.add(message.getSubject());
      ids.add(message.getMessageID());
    }
    assertThat(subjects).as("the mails of " + user.username).doesNotHaveDuplicates().isNotEmpty();
    assertThat(ids).doesNotHaveDuplicates();
  }

  // --- the cluster's people --------------------------------------------------------------------

  private static final class User {
    final String username;
    final String address;
    String caseId;
    String replyId;

    User(String username) {
      this.username = username;
      this.address = username + "@example.com";
    }
  }

  private static ApiClient admin(Node node) {
    return new ApiClient(node.port);
  }

  private static String adminCredentials() {
    return DeskCluster.ADMIN + ":" + DeskCluster.ADMIN_PASSWORD;
  }

  private static void user(ApiClient api, String id, String password, String... groups)
      throws Exception {
    var body =
        JSON.writeValueAsString(
            Map.of(
                "profile",
                Map.of("id", id, "firstName", id, "lastName", "Desk", "email", id + "@example.com"),
                "credentials",
                Map.of("password", password)));
    var created = api.post("/engine-rest/user/create", adminCredentials(), body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
    for (var group : groups) {
      var member =
          api.put("/engine-rest/group/" + group + "/members/" + id, adminCredentials(), "{}");
      assertThat(member.statusCode()).as(member.body()).isEqualTo(204);
    }
  }

  /** A locked-out user whose answers all match the account. */
  private static User account(ApiClient api, String prefix) throws Exception {
    var user =
        new User(prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    var created =
        api.post(
            "/api/accounts",
            adminCredentials(),
            LockedOutUsers.account(user.username, user.address));
    assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    return user;
  }

  private static String answers(User user) {
    return LockedOutUsers.answers(user.address);
  }

  private static String open(Node node, User user) throws Exception {
    var response =
        new ApiClient(node.port)
            .post(
                "/api/recovery-requests",
                null,
                LockedOutUsers.request(user.username, user.address));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return JSON.readTree(response.body()).get("caseId").asText();
  }

  /** Completes the case's open task with this key, through the node's engine REST API. */
  private static void complete(Node node, String credentials, User user, String taskKey)
      throws Exception {
    var api = new ApiClient(node.port);
    var tasks =
        JSON.readTree(
            api.get(
                    "/engine-rest/task?processInstanceBusinessKey="
                        + user.caseId
                        + "&taskDefinitionKey="
                        + taskKey,
                    credentials)
                .body());
    assertThat(tasks).as(user.caseId + " has an open " + taskKey).hasSize(1);
    var done =
        api.post(
            "/engine-rest/task/" + tasks.get(0).get("id").asText() + "/complete",
            credentials,
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
  }

  private static String status(Node node, String caseId) throws Exception {
    HttpResponse<String> response =
        new ApiClient(node.port).get("/api/recovery-cases/" + caseId, AGENT + ":" + AGENT_PASSWORD);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    return body.get("status").asText();
  }

  private static void awaitStatus(Node node, User user, String status) {
    awaitStatus(node, user, status, Duration.ofSeconds(60));
  }

  private static void awaitStatus(Node node, User user, String status, Duration limit) {
    await()
        .atMost(limit)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> status(node, user.caseId), status::equals);
  }

  // --- the engine's tables ---------------------------------------------------------------------

  /**
   * Locks the case's timer as a node that acquired it and died would have left it: a lock owner
   * that no live job executor is, and the production lock time from now.
   *
   * @return when the lock expires
   */
  private static Instant lockAsDeadNode(User user) throws SQLException {
    var job =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> jobAt(user, "reset-hold"), id -> id != null);
    var expires = Instant.now().plus(LOCK_TIME);
    try (var db = cluster.database();
        var lock =
            db.prepareStatement(
                "update act_ru_job set lock_owner_ = 'node-a, killed', lock_exp_time_ = ?"
                    + " where id_ = ? and lock_owner_ is null")) {
      lock.setTimestamp(1, Timestamp.from(expires));
      lock.setString(2, job);
      assertThat(lock.executeUpdate()).as("the hold's timer, not yet acquired").isEqualTo(1);
    }
    return expires;
  }

  private static String jobAt(User user, String activity) throws SQLException {
    try (var db = cluster.database();
        var query =
            db.prepareStatement(
                "select j.id_ from act_ru_job j"
                    + " join act_ru_jobdef d on d.id_ = j.job_def_id_"
                    + " join act_ru_execution p on p.id_ = j.process_instance_id_"
                    + " where p.business_key_ = ? and d.act_id_ = ?")) {
      query.setString(1, user.caseId);
      query.setString(2, activity);
      var rows = query.executeQuery();
      return rows.next() ? rows.getString(1) : null;
    }
  }

  record JobRun(String host, Instant at) {}

  /** Where and when the case's job at the activity succeeded. */
  private static JobRun jobRun(User user, String activity) throws SQLException {
    try (var db = cluster.database();
        var query =
            db.prepareStatement(
                "select l.hostname_, l.timestamp_ from act_hi_job_log l"
                    + " join act_hi_procinst p on p.id_ = l.process_instance_id_"
                    + " where p.business_key_ = ? and l.act_id_ = ? and l.job_state_ = 2")) {
      query.setString(1, user.caseId);
      query.setString(2, activity);
      var rows = query.executeQuery();
      assertThat(rows.next()).as("a job at " + activity + " of " + user.caseId).isTrue();
      var run = new JobRun(rows.getString(1), rows.getTimestamp(2).toInstant());
      assertThat(rows.next()).as("one run").isFalse();
      return run;
    }
  }

  // --- mail ------------------------------------------------------------------------------------

  private static Predicate<MimeMessage> subject(String text) {
    return message -> {
      try {
        return message.getSubject() != null && message.getSubject().contains(text);
      } catch (MessagingException e) {
        return false;
      }
    };
  }

  private static String link(String text, String kind) {
    var matcher = Pattern.compile("https?://\\S+/recovery/" + kind + "/\\S+").matcher(text);
    assertThat(matcher.find()).as("a " + kind + " link in " + text).isTrue();
    return matcher.group();
  }
}
