package dev.recoverydesk.faults;

import dev.recoverydesk.MailClient;
import dev.recoverydesk.cluster.Browser;
import dev.recoverydesk.cluster.DeskCluster;
import dev.recoverydesk.cluster.DeskCluster.Node;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The fault run ({@code mvn -B -Pfaults verify}, {@link FaultRunTest}): two desk nodes with the
 * production profile on one PostgreSQL database and one standalone mail server, bursts of
 * locked-out users' cases driven through the public API, mail and the engine's REST API, and one
 * fault injected into each burst:
 *
 * <ol>
 *   <li>{@code kill -9} of a node while the burst's jobs run: its locked jobs wait out their lock
 *       (the production profile's minute) and the other node runs them;
 *   <li>the SMTP server unreachable for a minute: mails are retried, the cases wait, incidents
 *       show, and every mail goes out once when it returns;
 *   <li>the IMAP server unreachable, then back: health says DOWN (imap), replies sent meanwhile are
 *       read once the reader is back;
 *   <li>PostgreSQL restarted during a burst of requests: each answers {@code 202} or {@code 503}
 *       problem+json, and the nodes go on without a restart of their own;
 *   <li>{@code kill -9} of a node in the middle of sending a mail: no user gets a mail twice, and
 *       every codes link works.
 * </ol>
 *
 * <p>SMTP and IMAP go down in {@link FaultProxy}s before the mail server, so that its mailboxes
 * survive the outage; the database is restarted for real with {@code pg_ctlcluster} when that
 * command is here and the server is this machine's, else cut by a proxy. It prints a report and
 * fails unless no case was lost, stuck or mailed twice, every link worked and every request was
 * answered cleanly.
 */
final class FaultRun implements AutoCloseable {

  private static final Pattern BACKUP_CODE = Pattern.compile("class=\"backup-code\">");
  private static final String INCIDENT = "mailDelivery";

  record Options(
      Path work,
      int burst,
      Duration hold,
      Duration smtpOutage,
      Duration imapOutage,
      String postgres,
      Duration postgresOutage,
      Duration caseTime) {

    /** From the system properties {@code faults.*} (the Maven profile sets them). */
    static Options fromSystemProperties() {
      return new Options(
          Path.of(property("work", "target/faults")),
          Integer.parseInt(property("burst", "8")),
          Duration.parse(property("hold", "PT20S")),
          Duration.parse(property("smtp-outage", "PT60S")),
          Duration.parse(property("imap-outage", "PT45S")),
          property("postgres", "auto"),
          Duration.parse(property("postgres-outage", "PT15S")),
          Duration.parse(property("case-time", "PT8M")));
    }

    private static String property(String name, String otherwise) {
      var value = System.getProperty("faults." + name);
      return value == null || value.isBlank() ? otherwise : value;
    }
  }

  private final Options options;
  private final Instant started = Instant.now();
  private final List<String> timeline = new CopyOnWriteArrayList<>();
  private final List<String> findings = new CopyOnWriteArrayList<>();
  private final List<FaultCase> cases = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<Void>> driving = new CopyOnWriteArrayList<>();
  private final ExecutorService drivers =
      Executors.newCachedThreadPool(
          work -> {
            var thread = new Thread(work, "case");
            thread.setDaemon(true);
            return thread;
          });
  private final Requests requests = new Requests();
  private final DeskCalls desk = new DeskCalls();
  private final Map<String, FaultProxy> smtp = new ConcurrentHashMap<>();
  private final boolean realRestart;
  private final DeskCluster cluster;
  private final FaultProxy imap;
  private final FaultProxy database;
  private final MailClient mail;
  private final Map<String, Node> nodes = new LinkedHashMap<>();

  FaultRun(Options options) throws IOException {
    this.options = options;
    Files.createDirectories(options.work());
    this.realRestart =
        switch (options.postgres()) {
          case "restart" -> true;
          case "proxy" -> false;
          default -> canRestartPostgres();
        };
    cluster = new DeskCluster(DeskCluster.workDirectory("faults"));
    imap = new FaultProxy("IMAP", cluster.mailServer().imapPort);
    database = realRestart ? null : new FaultProxy("PostgreSQL", port(cluster.databaseUrl()));
    mail =
        new MailClient("127.0.0.1", cluster.mailServer().smtpPort, cluster.mailServer().imapPort);
  }

  /** Runs the faults and prints the report; true when it passed. */
  boolean run() throws Exception {
    note("starting the mail server, node-a and node-b");
    start("node-a");
    start("node-b");
    users();
    note("cluster ready: " + desk.nodes());

    nodeKilledDuringBurst();
    smtpDown();
    imapDown();
    postgresRestarted();
    nodeKilledWhileSending();

    note("waiting for every case to finish");
    CompletableFuture.allOf(driving.toArray(CompletableFuture[]::new)).join();
    return report();
  }

  // --- the faults ------------------------------------------------------------------------------

  private void nodeKilledDuringBurst() throws Exception {
    var burst = burst("kill", options.burst(), false, false, Duration.ZERO);
    Map<String, JobLock> locks = Map.of();
    var until = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(until)) {
      locks = lockedJobs();
      if (locks.values().stream().map(JobLock::owner).distinct().count() >= 2) {
        break;
      }
      Thread.sleep(50);
    }
    var victim = nodes.get("node-b");
    locks = lockedJobs();
    victim.kill();
    desk.remove(victim);
    var killed = Instant.now();
    fault(
        "kill -9 of node-b while the "
            + burst.size()
            + " cases of burst 'kill' run ("
            + locks.size()
            + " jobs locked at that moment by either node)");
    Thread.sleep(8000);
    var still = lockedJobs();
    var orphaned = new LinkedHashMap<String, JobLock>();
    locks.forEach(
        (id, lock) -> {
          if (lock.equals(still.get(id))) {
            orphaned.put(id, lock);
          }
        });
    note("jobs still locked by the dead node: " + orphaned.size() + "; starting node-b2 meanwhile");
    start("node-b2");
    var takeovers = new ArrayList<String>();
    for (var job : orphaned.entrySet()) {
      var run =
          FaultCase.until(
              job.getValue().expires().plusSeconds(60), () -> jobSucceeded(job.getKey()));
      takeovers.add(
          String.format(
              "%s %.1f s after its lock expired",
              run.host(),
              Duration.between(job.getValue().expires(), run.at()).toMillis() / 1000.0));
    }
    finding(
        "kill -9 of node-b: "
            + orphaned.size()
            + " jobs it had locked waited for their lock (production: 60 s) and were run by "
            + (takeovers.isEmpty() ? "-" : String.join(", ", takeovers))
            + "; node-b killed at "
            + at(killed));
  }

  private void smtpDown() throws Exception {
    smtp.values().forEach(FaultProxy::down);
    var down = Instant.now();
    fault("SMTP server unreachable for " + seconds(options.smtpOutage()) + " (every node)");
    var burst = burst("smtp", options.burst(), false, false, Duration.ZERO);
    long most = 0;
    Instant firstIncident = null;
    while (Instant.now().isBefore(down.plus(options.smtpOutage()))) {
      var open = desk.incidents(INCIDENT);
      if (open > 0 && firstIncident == null) {
        firstIncident = Instant.now();
      }
      most = Math.max(most, open);
      Thread.sleep(2000);
    }
    var mailed = burst.stream().filter(c -> c.questionnaireReceived.isDone()).count();
    smtp.values().forEach(FaultProxy::up);
    var up = Instant.now();
    fault("SMTP server back");
    FaultCase.untilTrue(
        up.plus(Duration.ofMinutes(4)),
        () -> burst.stream().allMatch(c -> c.questionnaireReceived.isDone()));
    var delivered = Instant.now();
    FaultCase.untilTrue(up.plus(Duration.ofMinutes(4)), () -> desk.incidents(INCIDENT) == 0);
    var resolved = Instant.now();
    finding(
        String.format(
            "SMTP down: %d of %d questionnaires of burst 'smtp' delivered while down (the cases"
                + " waited); up to %d %s incidents open in Cockpit (first at %s); every"
                + " questionnaire delivered %s after SMTP returned, incidents resolved %s after",
            mailed,
            burst.size(),
            most,
            INCIDENT,
            firstIncident == null ? "never" : at(firstIncident),
            seconds(Duration.between(up, delivered)),
            seconds(Duration.between(up, resolved))));
  }

  private void imapDown() throws Exception {
    var burst = burst("imap", options.burst(), true, false, Duration.ZERO);
    FaultCase.untilTrue(
        Instant.now().plus(Duration.ofMinutes(4)),
        () -> burst.stream().allMatch(c -> c.questionnaireReceived.isDone()));
    imap.down();
    var down = Instant.now();
    fault(
        "IMAP server unreachable for "
            + seconds(options.imapOutage())
            + "; the burst's "
            + burst.size()
            + " users reply meanwhile");
    burst.forEach(c -> c.replyWhen.complete(null));
    Instant healthDown = null;
    while (Instant.now().isBefore(down.plus(options.imapOutage()))) {
      if (healthDown == null && health().stream().anyMatch(h -> h.equals("DOWN/DOWN"))) {
        healthDown = Instant.now();
      }
      Thread.sleep(1000);
    }
    var readWhileDown = burst.stream().filter(c -> answered(c)).count();
    imap.up();
    var up = Instant.now();
    fault("IMAP server back");
    FaultCase.untilTrue(
        up.plus(Duration.ofMinutes(3)), () -> burst.stream().allMatch(c -> answered(c)));
    var read = Instant.now();
    FaultCase.untilTrue(
        up.plus(Duration.ofMinutes(2)), () -> health().stream().allMatch(h -> h.startsWith("UP/")));
    var healthy = Instant.now();
    finding(
        String.format(
            "IMAP down: /actuator/health DOWN with imap DOWN %s; %d of %d replies read while"
                + " down; every reply read %s after IMAP returned; health UP again %s after",
            healthDown == null ? "never" : Duration.between(down, healthDown).toSeconds() + " s in",
            readWhileDown,
            burst.size(),
            seconds(Duration.between(up, read)),
            seconds(Duration.between(up, healthy))));
  }

  private void postgresRestarted() throws Exception {
    var before = requestCounts();
    var burst = burst("db", options.burst() * 2, false, false, Duration.ofMillis(700));
    var known = cases.get(0).caseId;
    var probing = new AtomicBoolean(true);
    var probe = CompletableFuture.runAsync(() -> probe(known, probing), drivers);
    Thread.sleep(3000);
    var from = Instant.now();
    String how;
    if (realRestart) {
      how = "pg_ctlcluster --skip-systemctl-redirect 15 main restart";
      var restart =
          new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart")
              .inheritIO()
              .start();
      if (!restart.waitFor(2, TimeUnit.MINUTES) || restart.exitValue() != 0) {
        throw new IllegalStateException("pg_ctlcluster restart failed");
      }
    } else {
      how = "every connection cut by a proxy, none taken for " + seconds(options.postgresOutage());
      database.down();
      Thread.sleep(options.postgresOutage().toMillis());
      database.up();
    }
    var back = Instant.now();
    Thread.sleep(5000);
    probing.set(false);
    probe.join();
    fault(
        "PostgreSQL restarted during burst 'db' ("
            + how
            + "), down "
            + seconds(Duration.between(from, back)));
    FaultCase.untilTrue(
        back.plus(Duration.ofMinutes(2)),
        () -> health().stream().allMatch(h -> h.startsWith("UP/")));
    var healthy = Instant.now();
    FaultCase.untilTrue(
        back.plus(Duration.ofMinutes(3)), () -> burst.stream().allMatch(c -> c.caseId != null));
    var after = requestCounts();
    finding(
        String.format(
            "PostgreSQL restart (%s): requests for a case during the burst answered %d times 202,"
                + " %d times 503 problem+json (tried again), %d times otherwise, %d times not at"
                + " all; both nodes healthy %s after, with no restart of their own",
            realRestart ? "real restart" : "proxy",
            after[0] - before[0],
            after[1] - before[1],
            after[2] - before[2],
            after[3] - before[3],
            seconds(Duration.between(back, healthy))));
    finding(
        "PostgreSQL restart: an agent's look at a case, every 300 ms on each node meanwhile,"
            + " answered "
            + probes);
  }

  private final Map<String, Long> probes = new ConcurrentHashMap<>();

  /** An agent looking at a case, on every node in turn, while the database is away. */
  private void probe(String caseId, AtomicBoolean probing) {
    while (probing.get()) {
      for (var node : desk.nodes()) {
        String answer;
        try {
          var response =
              desk.call(
                  node, "GET", "/api/recovery-cases/" + caseId, DeskCalls.AGENT_CREDENTIALS, null);
          answer =
              response.statusCode()
                  + (response.statusCode() == 200
                      ? ""
                      : " " + response.headers().firstValue("Content-Type").orElse("-"));
        } catch (IOException e) {
          answer = "no answer";
        } catch (InterruptedException e) {
          return;
        }
        probes.merge(answer, 1L, Long::sum);
        if (!answer.equals("200") && !answer.startsWith("503 application/problem+json")) {
          requests.unclean.add("an agent's look at a case: " + answer);
        }
      }
      FaultCase.sleep(Duration.ofMillis(300));
    }
  }

  private void nodeKilledWhileSending() throws Exception {
    var burst = burst("send", options.burst(), false, true, Duration.ZERO);
    FaultCase.untilTrue(
        Instant.now().plus(Duration.ofMinutes(4)),
        () -> burst.stream().allMatch(c -> c.awaitingApproval.isDone()));
    burst.forEach(c -> c.approveWhen.complete(null));
    FaultCase.untilTrue(
        Instant.now().plus(Duration.ofMinutes(3)),
        () -> burst.stream().allMatch(c -> c.mailWith(mail, FaultCase.HOLD_NOTICE).isPresent()));
    // The next mails are the burst's new codes, sent when the holds end together.
    var once = new AtomicBoolean();
    var frozen = new CompletableFuture<FaultProxy>();
    smtp.values().forEach(proxy -> proxy.freezeNextMessage(once, frozen));
    FaultProxy sending;
    try {
      sending = frozen.get(options.hold().plusSeconds(90).toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("No node sent a mail after the holds ended");
    }
    var victim = nodes.get(sending.name().replace("SMTP of ", ""));
    victim.kill();
    desk.remove(victim);
    fault(
        "kill -9 of "
            + victim.name
            + " in the middle of sending a mail (its SMTP DATA frozen), as the "
            + burst.size()
            + " holds of burst 'send' end");
  }

  // --- the cluster -----------------------------------------------------------------------------

  private void start(String name) {
    var proxy = new FaultProxy("SMTP of " + name, cluster.mailServer().smtpPort);
    smtp.put(name, proxy);
    var settings = new LinkedHashMap<String, String>();
    settings.put("recovery.reset.hold-period", options.hold().toString());
    settings.put("recovery.mail.imap.enabled", "true");
    settings.put("recovery.mail.imap.leader.node-name", name);
    settings.put("spring.mail.port", Integer.toString(proxy.port()));
    settings.put("recovery.mail.imap.port", Integer.toString(imap.port()));
    if (database != null) {
      settings.put(
          "spring.datasource.url",
          cluster.databaseUrl().replaceFirst(":\\d+/", ":" + database.port() + "/"));
    }
    var node = cluster.start(name, settings);
    nodes.put(name, node);
    desk.add(node);
    note(name + " started");
  }

  private void users() throws Exception {
    for (var user :
        List.of(
            new String[] {DeskCalls.AGENT_CREDENTIALS, "support-agents"},
            new String[] {
              DeskCalls.SUPERVISOR_CREDENTIALS, "support-agents,support-supervisors"
            })) {
      var credentials = user[0].split(":", 2);
      var body =
          DeskCalls.JSON.writeValueAsString(
              Map.of(
                  "profile",
                  Map.of(
                      "id",
                      credentials[0],
                      "firstName",
                      credentials[0],
                      "lastName",
                      "Desk",
                      "email",
                      credentials[0] + "@example.com"),
                  "credentials",
                  Map.of("password", credentials[1])));
      expect(desk.post("/engine-rest/user/create", DeskCalls.ADMIN_CREDENTIALS, body), 204);
      for (var group : user[1].split(",")) {
        expect(
            desk.send(
                "PUT",
                "/engine-rest/group/" + group + "/members/" + credentials[0],
                DeskCalls.ADMIN_CREDENTIALS,
                "{}"),
            204);
      }
    }
  }

  private static void expect(Optional<java.net.http.HttpResponse<String>> answer, int status) {
    if (answer.isEmpty() || answer.get().statusCode() != status) {
      throw new IllegalStateException(
          "Expected " + status + ": " + answer.map(a -> a.statusCode() + " " + a.body()));
    }
  }

  /** Starts the burst's cases, each in a thread of its own, {@code spread} apart. */
  private List<FaultCase> burst(
      String name, int size, boolean holdReply, boolean holdApproval, Duration spread) {
    var burst = new ArrayList<FaultCase>();
    for (var i = 0; i < size; i++) {
      var one = new FaultCase(name, holdReply, holdApproval);
      var delay = spread.multipliedBy(i);
      burst.add(one);
      cases.add(one);
      driving.add(
          CompletableFuture.runAsync(
              () -> one.drive(desk, mail, requests, delay, Instant.now().plus(options.caseTime())),
              drivers));
    }
    note("burst '" + name + "': " + size + " cases");
    return burst;
  }

  /** Each live node's health as status/imap status (with the administrator's details). */
  private List<String> health() {
    var states = new ArrayList<String>();
    for (var node : desk.nodes()) {
      try {
        var answer = desk.call(node, "GET", "/actuator/health", DeskCalls.ADMIN_CREDENTIALS, null);
        var body = DeskCalls.read(answer.body());
        var imapState = body.path("components").path("imap").path("status").asText("?");
        states.add(body.path("status").asText() + "/" + imapState);
      } catch (IOException | RuntimeException e) {
        states.add("?/?");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return states;
  }

  private boolean answered(FaultCase one) {
    var status = desk.status(one.caseId);
    return status.isPresent()
        && !List.of("OPEN", "AWAITING_USER", "UNKNOWN").contains(status.get());
  }

  private long[] requestCounts() {
    return new long[] {
      requests.accepted.get(),
      requests.unavailable.get(),
      requests.unclean.size(),
      requests.unanswered.get()
    };
  }

  // --- the engine's tables ---------------------------------------------------------------------

  record JobLock(String owner, Instant expires) {}

  record JobRun(String host, Instant at) {}

  private Map<String, JobLock> lockedJobs() {
    var locks = new LinkedHashMap<String, JobLock>();
    try (var db = cluster.database();
        var rows =
            db.createStatement()
                .executeQuery(
                    "select id_, lock_owner_, lock_exp_time_ from act_ru_job"
                        + " where lock_owner_ is not null and lock_exp_time_ > now()")) {
      while (rows.next()) {
        locks.put(
            rows.getString(1), new JobLock(rows.getString(2), rows.getTimestamp(3).toInstant()));
      }
    } catch (SQLException e) {
      // Asked again.
    }
    return locks;
  }

  private Optional<JobRun> jobSucceeded(String jobId) {
    try (var db = cluster.database();
        var query =
            db.prepareStatement(
                "select hostname_, timestamp_ from act_hi_job_log"
                    + " where job_id_ = ? and job_state_ = 2")) {
      query.setString(1, jobId);
      var rows = query.executeQuery();
      return rows.next()
          ? Optional.of(new JobRun(rows.getString(1), rows.getTimestamp(2).toInstant()))
          : Optional.empty();
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  private Map<String, Long> storedReplies() throws SQLException {
    var stored = new TreeMap<String, Long>();
    try (var db = cluster.database();
        var rows =
            db.createStatement()
                .executeQuery(
                    "select message_id, count(*) from inbound_mail group by message_id")) {
      while (rows.next()) {
        stored.put(rows.getString(1), rows.getLong(2));
      }
    }
    return stored;
  }

  // --- the report ------------------------------------------------------------------------------

  private boolean report() throws Exception {
    var stored = storedReplies();
    int resolved = 0;
    int lost = 0;
    int stuck = 0;
    int mailedTwice = 0;
    int links = 0;
    var problems = new ArrayList<String>();
    for (var one : cases) {
      var status = one.caseId == null ? Optional.<String>empty() : desk.status(one.caseId);
      var replyStored = one.replyId == null ? 0 : stored.getOrDefault(one.replyId, 0L);
      if (one.caseId == null || status.filter("UNKNOWN"::equals).isPresent()) {
        lost++;
        problems.add(one.username + ": no case (" + one.failure + ")");
      } else if (one.replyId != null && replyStored != 1) {
        lost++;
        problems.add(one.caseId + ": its reply stored " + replyStored + " times");
      } else if (status.filter("RESOLVED"::equals).isPresent()) {
        resolved++;
      } else {
        stuck++;
        problems.add(
            one.caseId + " (" + one.burst + "): " + status.orElse("?") + ", " + one.failure);
      }
      var twice = twice(one);
      if (!twice.isEmpty()) {
        mailedTwice++;
        problems.add(one.address + " got twice: " + twice);
      }
      if (status.filter("RESOLVED"::equals).isPresent()) {
        if (linkWorks(one)) {
          links++;
        } else {
          problems.add(one.caseId + ": its codes link does not work");
        }
      }
    }
    var took = Duration.between(started, Instant.now());
    var passed =
        lost == 0
            && stuck == 0
            && mailedTwice == 0
            && links == resolved
            && requests.unclean.isEmpty();
    var out = new StringBuilder();
    out.append("Fault run: 2 desk nodes (production profile, job lock 60 s) on one PostgreSQL")
        .append(" database, one standalone mail server; hold ")
        .append(seconds(options.hold()))
        .append("; PostgreSQL ")
        .append(realRestart ? "restarted for real (pg_ctlcluster)" : "cut by a proxy")
        .append('\n');
    out.append("Faults injected (time since the run started):\n");
    timeline.forEach(line -> out.append("  ").append(line).append('\n'));
    out.append("What each fault did:\n");
    findings.forEach(line -> out.append("  - ").append(line).append('\n'));
    out.append(
        String.format(
            "Cases: %d in %d bursts%n  resolved      %d%n  lost          %d%n  stuck         %d%n"
                + "  mailed twice  %d%n  links working %d of %d resolved%n"
                + "Requests for a case: %d accepted, %d answered 503 problem+json (tried again), %d"
                + " not answered cleanly%n",
            cases.size(),
            cases.stream().map(c -> c.burst).distinct().count(),
            resolved,
            lost,
            stuck,
            mailedTwice,
            links,
            resolved,
            requests.accepted.get(),
            requests.unavailable.get(),
            requests.unclean.size()));
    requests.unclean.forEach(line -> out.append("  not clean: ").append(line).append('\n'));
    problems.forEach(line -> out.append("  problem: ").append(line).append('\n'));
    out.append(
        String.format(
            "Took %dm %02ds. %s%n",
            took.toMinutes(), took.toSecondsPart(), passed ? "PASSED" : "FAILED"));
    System.out.println();
    System.out.print(out);
    Files.writeString(options.work().resolve("report.txt"), out);
    return passed;
  }

  /** The kinds of mail (by subject) the user got more than once. */
  private List<String> twice(FaultCase one) throws MessagingException {
    var subjects =
        mail.inbox(one.address).stream()
            .map(FaultRun::subject)
            .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
    return subjects.entrySet().stream()
        .filter(e -> e.getValue() > 1)
        .map(e -> e.getKey() + " (" + e.getValue() + "x)")
        .toList();
  }

  private static String subject(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (MessagingException e) {
      return "?";
    }
  }

  /** Follows the user's codes link once, as the user would: the page, then its form. */
  private boolean linkWorks(FaultCase one) throws Exception {
    var codes = one.mailWith(mail, FaultCase.CODES);
    if (codes.isEmpty()) {
      return false;
    }
    var link =
        Pattern.compile("https?://\\S+/recovery/codes/\\S+").matcher(MailClient.text(codes.get()));
    if (!link.find()) {
      return false;
    }
    var node = desk.nodes().get(0);
    var browser = new Browser();
    var page = browser.get(node.route(link.group()));
    if (page.statusCode() != 200) {
      return false;
    }
    var shown = browser.submit(node.route(link.group()), page.body(), Map.of());
    return shown.statusCode() == 200 && BACKUP_CODE.matcher(shown.body()).results().count() == 5;
  }

  // --- time ------------------------------------------------------------------------------------

  private void fault(String what) {
    timeline.add(at(Instant.now()) + "  " + what);
    note("FAULT " + what);
  }

  private void finding(String what) {
    findings.add(what);
    note(what);
  }

  private void note(String what) {
    System.out.println(at(Instant.now()) + "  " + what);
  }

  private String at(Instant instant) {
    var since = Duration.between(started, instant);
    return String.format("+%02d:%02d", since.toMinutes(), since.toSecondsPart());
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() + " s";
  }

  private static int port(String jdbcUrl) {
    var matcher = Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 5432;
  }

  /** A real restart needs the server on this machine and its cluster command. */
  private static boolean canRestartPostgres() {
    var host = Optional.ofNullable(System.getenv("PGHOST")).orElse("127.0.0.1");
    return (host.equals("127.0.0.1") || host.equals("localhost"))
        && Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster"))
        && Files.isDirectory(Path.of("/etc/postgresql/15/main"));
  }

  @Override
  public void close() {
    drivers.shutdownNow();
    smtp.values().forEach(FaultProxy::close);
    imap.close();
    if (database != null) {
      database.close();
    }
    cluster.close();
  }
}
