package dev.recoverydesk.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.recoverydesk.ApiClient;
import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.MutableClock;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.account.web.AccountImport;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.twofactor.BackupCodes;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.jsoup.Jsoup;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plays one {@link Scenario} against the running desk. The user acts by mail (SMTP out, IMAP in)
 * and in the browser pages; opening a request over the API, a backup code at sign-in and reading
 * the SMS outbox go through the desk's HTTP API. Agents act only through the engine's REST API; the
 * desk's own jobs are run as they fall due, and time moves only when a step says so. Every wait
 * polls with a deadline and, when it runs out, says which step failed, what it expected, what it
 * found and what the case's timeline holds.
 */
final class ScenarioRun {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z-]+)(?::(\\d+))?}");
  private static final Pattern LINK =
      Pattern.compile("https?://[^\\s\"<>]*/recovery/(codes|cancel)/[A-Za-z0-9_-]+");
  private static final Pattern CHECK_CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  private static final String SUPPORT = "support@recovery.local";

  /** What the desk under test offers the run. */
  record Desk(
      int port,
      MailClient mail,
      ProcessEngine engine,
      JdbcTemplate jdbc,
      AccountDirectory accounts,
      DeviceIds deviceIds,
      BackupCodes backupCodes,
      MutableClock clock,
      ObjectMapper json) {}

  private final Scenario scenario;
  private final Desk desk;
  private final ApiClient api;
  private final HttpClient browser;
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> readMail = new HashSet<>();
  private final List<String> givenCodes = new ArrayList<>();
  private final List<String> newCodes = new ArrayList<>();
  private final Set<String> oldTexts = new HashSet<>();
  private Scenario.Step current;
  private String caseId;
  private MimeMessage lastMail;
  private MimeMessage lastSent;
  private String lastLink;

  ScenarioRun(Scenario scenario, Desk desk) {
    this.scenario = scenario;
    this.desk = desk;
    this.api = new ApiClient(desk.port());
    this.browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .build();
  }

  void play() throws Exception {
    try {
      givenAccount(scenario.account());
      for (var step : scenario.steps()) {
        current = step;
        perform(step.kind(), resolved(step.args()));
      }
    } finally {
      cleanUp();
    }
  }

  // --- the account -------------------------------------------------------------------------

  private void givenAccount(JsonNode given) throws Exception {
    var suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
    Account facts;
    if (given.hasNonNull("like")) {
      facts =
          desk.accounts()
              .find(given.get("like").asText())
              .orElseThrow(() -> new IllegalArgumentException("No demo account " + given));
    } else if (given.has("facts")) {
      var node = (ObjectNode) given.get("facts").deepCopy();
      node.put("username", node.path("username").asText("user"));
      node.put("email", node.path("email").asText("user@example.com"));
      facts =
          AccountImport.read(
              desk.json(), resolveDates(node), LocalDate.now(desk.clock()), desk.deviceIds());
    } else {
      throw new IllegalArgumentException("The account needs 'like: <demo account>' or 'facts'");
    }
    var base = facts.username();
    var username = (base.length() > 22 ? base.substring(0, 22) : base) + "_" + suffix;
    var previous = new ArrayList<EmailAddress>();
    for (int i = 0; i < facts.previousEmails().size(); i++) {
      previous.add(new EmailAddress(username + ".old" + (i == 0 ? "" : i) + "@example.com"));
    }
    var account =
        new Account(
            username,
            facts.displayName(),
            new EmailAddress(username + "@example.com"),
            previous,
            facts.phone(),
            facts.carrier(),
            facts.locale(),
            facts.createdAt(),
            facts.twoFactor(),
            facts.devices(),
            facts.recentPosts(),
            facts.following());
    desk.accounts().save(account);
    values.put("username", username);
    values.put("email", account.email().value());
    values.put("old-email", previous.isEmpty() ? "" : previous.get(0).value());
    values.put("phone", facts.phone() == null ? "" : facts.phone().e164());
    values.put("stranger", "stranger_" + suffix + "@example.net");
    values.put("support", SUPPORT);
    oldTexts.addAll(texts(values.get("phone")));
    int sets = given.path("backup-code-sets").asInt(0);
    for (int i = 0; i < sets; i++) {
      givenCodes.clear();
      givenCodes.addAll(desk.backupCodes().issue(username));
    }
  }

  /** {@code "days-ago 3"} in inline facts: a date or instant that stays recent. */
  private JsonNode resolveDates(JsonNode node) {
    if (node.isTextual()) {
      var matcher = Pattern.compile("days-ago (\\d+)").matcher(node.asText());
      if (matcher.matches()) {
        var instant =
            desk.clock().instant().minus(Duration.ofDays(Long.parseLong(matcher.group(1))));
        return TextNode.valueOf(instant.toString());
      }
      return node;
    }
    if (node instanceof ObjectNode object) {
      for (var entry : List.copyOf(object.properties())) {
        object.set(entry.getKey(), resolveDates(entry.getValue()));
      }
      for (var entry : List.copyOf(object.properties())) {
        if (entry.getKey().equals("postedAt") || entry.getKey().equals("createdAt")) {
          var text = entry.getValue().asText();
          if (text.endsWith("Z")) {
            object.put(
                entry.getKey(),
                Instant.parse(text).atZone(ZoneOffset.UTC).toLocalDate().toString());
          }
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, resolveDates(array.get(i)));
      }
    }
    return node;
  }

  // --- steps -------------------------------------------------------------------------------

  private void perform(String kind, JsonNode args) throws Exception {
    switch (kind) {
      case "open" -> open(args);
      case "start" -> start(args);
      case "process" -> expectProcess(args);
      case "mail" -> expectMail(args);
      case "no-mail" -> expectNoMail(args);
      case "reply" -> reply(args);
      case "send" -> send(args);
      case "resend" -> resend(args);
      case "agent" -> act("agent", args);
      case "supervisor" -> act("supervisor", args);
      case "wait" -> waitFor(Duration.parse(args.asText()));
      case "link" -> link(args);
      case "code" -> code(args);
      case "sms" -> sms(args);
      case "status" -> expectStatus(args.asText());
      case "timeline" -> expectTimeline(args);
      case "case" -> expectCase(args);
      default -> throw new IllegalArgumentException("Unknown step '" + kind + "' in " + current);
    }
  }

  private void open(JsonNode args) throws Exception {
    var via = args.path("via").asText("api");
    if (via.equals("mail")) {
      var message =
          desk.mail()
              .compose(
                  args.path("from").asText(values.get("email")),
                  SUPPORT,
                  args.path("subject").asText(),
                  args.path("body").asText(),
                  Map.of());
      desk.mail().send(message);
      caseId =
          poll(
              "a case opened by the mail from " + args.path("from").asText(values.get("email")),
              () ->
                  desk
                      .jdbc()
                      .queryForList(
                          "select case_id from recovery_case where username = ?",
                          String.class,
                          values.get("username"))
                      .stream()
                      .findFirst());
      values.put("case", caseId);
      return;
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("username", args.path("username").asText(values.get("username")));
    body.put("contactEmail", args.path("contact").asText(values.get("email")));
    for (var field : List.of("problem", "description", "locale", "deviceId")) {
      if (args.hasNonNull(field)) {
        body.put(field, args.get(field).asText());
      }
    }
    var response = api.post("/api/recovery-requests", null, desk.json().writeValueAsString(body));
    int expected = args.path("expect").asInt(202);
    check(
        response.statusCode() == expected,
        "the request answered " + expected,
        response.statusCode() + " " + response.body());
    if (expected == 202) {
      caseId = desk.json().readTree(response.body()).get("caseId").asText();
      values.put("case", caseId);
    }
  }

  /** An administrator starts a process through the engine's REST API, as the README shows. */
  private void start(JsonNode args) throws Exception {
    caseId = CaseId.random().value();
    values.put("case", caseId);
    var variables = desk.json().createObjectNode();
    for (var variable : args.path("variables").properties()) {
      variables.putObject(variable.getKey()).set("value", variable.getValue());
    }
    var body = desk.json().createObjectNode().put("businessKey", caseId);
    body.set("variables", variables);
    var response =
        api.post(
            "/engine-rest/process-definition/key/" + args.path("process").asText() + "/start",
            "admin:admin",
            body.toString());
    check(
        response.statusCode() == 200,
        "the process started",
        response.statusCode() + " " + response.body());
  }

  /** Whether a process of the case still runs, as the engine's REST API tells an administrator. */
  private void expectProcess(JsonNode args) {
    var key = args.path("key").asText();
    var running = args.path("running").asBoolean();
    poll(
        key + (running ? " running" : " ended"),
        () -> {
          var body =
              api.get(
                      "/engine-rest/process-instance/count?processDefinitionKey="
                          + key
                          + "&businessKey="
                          + caseId,
                      "admin:admin")
                  .body();
          var count = readTree(body).path("count").asInt();
          return (count > 0) == running ? Optional.of(count) : Optional.empty();
        });
  }

  private void expectMail(JsonNode args) {
    var to = args.path("to").asText(values.get("email"));
    var found =
        poll(
            "a mail to " + to + " " + args,
            () ->
                desk.mail().inbox(to).stream()
                    .filter(m -> unread(m) && matches(m, args))
                    .findFirst());
    readMail.add(messageId(found));
    lastMail = found;
    var link = LINK.matcher(text(found));
    lastLink = link.find() ? link.group() : null;
  }

  private void expectNoMail(JsonNode args) throws InterruptedException {
    var to = args.path("to").asText(values.get("email"));
    var quiet = Duration.parse(args.path("within").asText("PT3S"));
    var end = System.nanoTime() + quiet.toNanos();
    while (System.nanoTime() < end) {
      settle();
      var unexpected =
          desk.mail().inbox(to).stream().filter(m -> unread(m) && matches(m, args)).toList();
      check(unexpected.isEmpty(), "no mail to " + to + " " + args, describe(unexpected));
      Thread.sleep(250);
    }
  }

  private void reply(JsonNode args) throws Exception {
    check(lastMail != null, "a mail to reply to", "no mail was read yet");
    var from = args.path("from").asText(values.get("email"));
    if (args.hasNonNull("eml")) {
      sendEml(args, from);
      return;
    }
    var reply = desk.mail().reply(lastMail, from, "");
    var body = args.hasNonNull("answers") ? answers(args) : args.path("body").asText();
    if (args.path("quote").asBoolean(false)) {
      body = body + "\n\nOn " + lastMail.getSentDate() + ", Recovery Desk wrote:\n" + quoted();
    }
    var charset = args.path("charset").asText("UTF-8");
    if (args.path("html").asBoolean(false)) {
      var html =
          "<html><body><div>"
              + body.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")
              + "</div></body></html>";
      reply.setContent(html, "text/html; charset=" + charset);
    } else {
      reply.setText(body, charset);
    }
    if (args.hasNonNull("to")) {
      reply.setRecipients(Message.RecipientType.TO, args.get("to").asText());
    }
    for (var header : args.path("headers").properties()) {
      reply.setHeader(header.getKey(), header.getValue().asText());
    }
    desk.mail().send(reply);
    lastSent = reply;
    taken(reply.getMessageID(), args);
  }

  private void sendEml(JsonNode args, String from) throws Exception {
    String raw;
    try (var in = new ClassPathResource("mail/" + args.get("eml").asText()).getInputStream()) {
      raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    var replyTo = replyAddress(lastMail);
    var messageId = args.path("message-id").asText("<" + UUID.randomUUID() + "@mail.example.com>");
    var bounceKey =
        desk
            .jdbc()
            .queryForList(
                "select bounce_key from outbound_mail where message_id = ?",
                String.class,
                messageId(lastMail))
            .stream()
            .findFirst()
            .orElse("");
    var placeholders =
        Map.of(
            "{{FROM}}",
            from,
            "{{TO}}",
            replyTo,
            "{{CASE_TAG}}",
            "[" + caseId + "]",
            "{{CASE_LOWER}}",
            caseId.toLowerCase(Locale.ROOT),
            "{{IN_REPLY_TO}}",
            messageId(lastMail),
            "{{MESSAGE_ID}}",
            messageId,
            "{{USERNAME}}",
            values.get("username"),
            "{{BOUNCE_KEY}}",
            bounceKey);
    var envelope = args.path("envelope").asText(replyTo);
    for (var placeholder : placeholders.entrySet()) {
      raw = raw.replace(placeholder.getKey(), placeholder.getValue());
      envelope = envelope.replace(placeholder.getKey(), placeholder.getValue());
    }
    check(!raw.contains("{{"), "every placeholder of the .eml filled", raw);
    desk.mail().sendRaw(raw.getBytes(StandardCharsets.ISO_8859_1), envelope);
    taken(messageId, args);
  }

  /** The last mail sent to the desk, byte for byte and Message-ID and all: a retrying server. */
  private void resend(JsonNode args) {
    check(lastSent != null, "a mail sent before", "none");
    desk.mail().sendAgain(lastSent);
    var messageId = messageId(lastSent);
    poll(
        "the desk to read the copy of " + messageId,
        () -> {
          var unseen = desk.mail().unseenMessageIds(SUPPORT);
          return unseen.contains(messageId) ? Optional.empty() : Optional.of(true);
        });
  }

  /** A new mail to the desk, not a reply: with or without a case's tag in the subject. */
  private void send(JsonNode args) throws Exception {
    var message =
        desk.mail()
            .compose(
                args.path("from").asText(values.get("email")),
                args.path("to").asText(SUPPORT),
                args.path("subject").asText(),
                args.path("body").asText(),
                Map.of());
    for (var header : args.path("headers").properties()) {
      message.setHeader(header.getKey(), header.getValue().asText());
    }
    desk.mail().send(message);
    taken(message.getMessageID(), args);
  }

  /** Where a mail the desk has not taken is stuck: shown only if a step fails. */
  private final class Diagnosis {
    private final String messageId;

    Diagnosis(String messageId) {
      this.messageId = messageId;
    }

    @Override
    public String toString() {
      var stored =
          desk.jdbc()
              .queryForList(
                  "select id, status, status_reason from inbound_mail where message_id = ?",
                  messageId);
      var threads = new StringBuilder();
      for (var thread : Thread.getAllStackTraces().entrySet()) {
        var frames = List.of(thread.getValue());
        if (frames.stream().anyMatch(f -> f.getClassName().startsWith("dev.recoverydesk.mail"))
            || thread.getKey().getName().contains("adapter")
            || thread.getKey().getName().contains("scheduling")) {
          threads.append("\n    thread ").append(thread.getKey().getName());
          frames.stream().limit(12).forEach(f -> threads.append("\n      at ").append(f));
        }
      }
      return "(stored: "
          + stored
          + ", unseen in the support mailbox: "
          + desk.mail().unseenMessageIds(SUPPORT)
          + ", stored lately: "
          + desk.jdbc()
              .queryForList(
                  "select id, message_id, status from inbound_mail order by id desc limit 3")
          + ")"
          + threads;
    }
  }

  /** Waits until the desk stored and handled the mail; checks how, when the step says. */
  private void taken(String messageId, JsonNode args) {
    var status =
        poll(
            "the desk to take mail " + messageId,
            () ->
                desk
                    .jdbc()
                    .queryForList(
                        "select status from inbound_mail where message_id = ?",
                        String.class,
                        messageId)
                    .stream()
                    .filter(s -> !s.equals("RECEIVED"))
                    .findFirst(),
            new Diagnosis(messageId)::toString);
    if (args.hasNonNull("taken-as")) {
      check(
          status.equals(args.get("taken-as").asText()),
          "the mail taken as " + args.get("taken-as").asText(),
          status);
    }
  }

  private String answers(JsonNode args) {
    var lines = new ArrayList<String>();
    var fullWidth = args.path("numbering").asText("").equals("full-width");
    for (var answer : args.get("answers").properties()) {
      var number = answer.getKey();
      lines.add(
          fullWidth
              ? toFullWidth(number) + "．" + answer.getValue().asText()
              : number + ". " + answer.getValue().asText());
    }
    return String.join("\n", lines);
  }

  private static String toFullWidth(String digits) {
    var out = new StringBuilder();
    digits.chars().forEach(c -> out.append((char) (c - '0' + '０')));
    return out.toString();
  }

  private String quoted() {
    return text(lastMail).lines().map(line -> "> " + line).reduce("", (a, b) -> a + b + "\n");
  }

  /**
   * A form variable as the form shows it: text as it is, a table (a JSON list of rows) as one line
   * a row with its cells between {@code |}, as in {@code Proof | Controls the … | present}.
   */
  private String shown(JsonNode variable) throws Exception {
    var value = variable.path("value").asText("");
    if (!"Json".equals(variable.path("type").asText())) {
      return value;
    }
    var lines = new ArrayList<String>();
    for (var row : readTree(value)) {
      var cells = new ArrayList<String>();
      row.properties().forEach(cell -> cells.add(cell.getValue().asText()));
      lines.add(String.join(" | ", cells));
    }
    return String.join("\n", lines);
  }

  /** Claims and completes the case's open task through the engine's REST API, as that user. */
  private void act(String defaultUser, JsonNode args) throws Exception {
    var user = args.path("as").asText(defaultUser);
    var credentials = user + ":" + user;
    var key = args.path("task").asText();
    var taskId =
        poll(
            "an open task " + key + " of " + caseId,
            () -> {
              // Triage tasks belong to the mail (business key MAIL-…), not to a case.
              var ofCase = key.equals("triage-mail") ? "" : "&processInstanceBusinessKey=" + caseId;
              var response =
                  api.get(
                      "/engine-rest/task?taskDefinitionKey="
                          + key
                          + ofCase
                          + "&sortBy=created&sortOrder=desc",
                      "admin:admin");
              var tasks = readTree(response.body());
              return tasks.isArray() && !tasks.isEmpty()
                  ? Optional.of(tasks.get(0).get("id").asText())
                  : Optional.empty();
            });
    // What the form shows the agent: task variables that must (sees) or must not (lacks) hold the
    // given words.
    for (var wanted : List.of("sees", "lacks")) {
      for (var field : args.path(wanted).properties()) {
        var variables =
            readTree(
                api.get(
                        "/engine-rest/task/" + taskId + "/variables?deserializeValues=false",
                        credentials)
                    .body());
        var value = shown(variables.path(field.getKey()));
        var words = field.getValue().asText();
        check(
            value.contains(words) == wanted.equals("sees"),
            "the "
                + key
                + " form showing "
                + field.getKey()
                + (wanted.equals("sees") ? " with \"" : " without \"")
                + words
                + "\"",
            field.getKey() + " = \"" + value + "\"");
      }
    }
    var claim =
        api.post(
            "/engine-rest/task/" + taskId + "/claim", credentials, "{\"userId\":\"" + user + "\"}");
    check(
        claim.statusCode() == 204,
        user + " claims " + key,
        claim.statusCode() + " " + claim.body());
    var variables = desk.json().createObjectNode();
    if (args.hasNonNull("decision")) {
      variables.putObject("decision").put("value", args.get("decision").asText());
    }
    if (args.hasNonNull("note")) {
      variables.putObject("decisionNote").put("value", args.get("note").asText());
    }
    for (var variable : args.path("variables").properties()) {
      var value = variable.getValue();
      var typed = variables.putObject(variable.getKey());
      typed.set("value", value);
    }
    var body = desk.json().createObjectNode();
    body.set("variables", variables);
    var completed =
        api.post("/engine-rest/task/" + taskId + "/complete", credentials, body.toString());
    // refused: true, or the words the engine's refusal must give as its reason
    var refused = args.path("refused");
    if (refused.asBoolean(false) || refused.isTextual()) {
      var reason = refused.isTextual() ? refused.asText() : "";
      check(
          completed.statusCode() >= 400 && completed.body().contains(reason),
          "the engine refuses "
              + user
              + " completing "
              + key
              + (reason.isEmpty() ? "" : " because \"" + reason + "\""),
          completed.statusCode() + " " + completed.body());
      var unclaim = api.post("/engine-rest/task/" + taskId + "/unclaim", "admin:admin", "{}");
      check(unclaim.statusCode() == 204, "the task unclaimed", unclaim.body());
    } else {
      check(
          completed.statusCode() == 204,
          user + " completes " + key,
          completed.statusCode() + " " + completed.body());
    }
  }

  /** Moves the desk's and the engine's clocks forward, then runs what fell due. */
  private void waitFor(Duration duration) {
    // What is due now runs now, as the job executor would have run it, before time moves on.
    settle();
    CaseJobs.timePasses(desk.clock(), duration);
    settle();
  }

  /** Opens the one-time link of the last mail: the page, then its button, as a browser would. */
  private void link(JsonNode args) throws Exception {
    check(
        lastLink != null,
        "a one-time link in the last mail",
        lastMail == null ? "no mail" : text(lastMail));
    var page = browse(HttpRequest.newBuilder(URI.create(local(lastLink))).GET().build());
    int expected = args.path("expect").asInt(200);
    if (expected != 200) {
      check(page.statusCode() == expected, "the link answers " + expected, page.statusCode() + "");
      return;
    }
    check(page.statusCode() == 200, "the link's page", page.statusCode() + " " + page.body());
    var form = Jsoup.parse(page.body()).selectFirst("form[method=post]");
    check(form != null, "a button on the link's page", page.body());
    var csrf = form.selectFirst("input[name=_csrf]");
    var pressed =
        browse(
            HttpRequest.newBuilder(URI.create(local(lastLink)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + URLEncoder.encode(csrf.val(), StandardCharsets.UTF_8)))
                .build());
    check(
        pressed.statusCode() == 200,
        "the button works",
        pressed.statusCode() + " " + pressed.body());
    newCodes.clear();
    Jsoup.parse(pressed.body()).select(".backup-code").forEach(e -> newCodes.add(e.text()));
    if (args.hasNonNull("codes")) {
      check(
          newCodes.size() == args.get("codes").asInt(),
          args.get("codes").asInt() + " new codes on the page",
          newCodes.toString());
    }
  }

  /** Types a backup code where the platform's sign-in asks for one. */
  private void code(JsonNode args) throws Exception {
    var which = args.path("use").asText();
    var matcher = Pattern.compile("(new|given) (\\d+)").matcher(which);
    check(matcher.matches(), "'use: new N' or 'use: given N'", which);
    var codes = matcher.group(1).equals("new") ? newCodes : givenCodes;
    int index = Integer.parseInt(matcher.group(2)) - 1;
    check(index < codes.size(), which + " to exist", codes.size() + " codes");
    var response =
        api.post(
            "/api/accounts/" + values.get("username") + "/backup-codes/verify",
            null,
            desk.json().writeValueAsString(Map.of("code", codes.get(index))));
    var expected = args.path("expect").asText("valid");
    check(
        expected.equals("valid") ? response.statusCode() == 200 : response.statusCode() == 401,
        "the code is " + expected,
        response.statusCode() + " " + response.body());
  }

  /**
   * Reads a new text to the phone in the dev SMS outbox, and keeps the six-digit code in it as
   * {@code ${sms-code}}.
   */
  private void sms(JsonNode args) {
    var phone = args.path("to").asText(values.get("phone"));
    var text =
        poll(
            "a new text to " + phone + " " + args,
            () ->
                texts(phone).stream()
                    .filter(t -> !oldTexts.contains(t))
                    .filter(t -> containsAll(t, args.path("contains")))
                    .findFirst());
    oldTexts.add(text);
    var code = CHECK_CODE.matcher(text.substring(text.indexOf('|') + 1));
    if (code.find()) {
      values.put("sms-code", code.group(1));
    }
  }

  /** The phone's texts, newest first, each as "sent at|text". */
  private List<String> texts(String phone) {
    if (phone == null || phone.isEmpty()) {
      return List.of();
    }
    var found = new ArrayList<String>();
    for (var sms : readTree(api.get("/api/sms-outbox/" + phone, "admin:admin").body())) {
      found.add(sms.path("sentAt").asText() + "|" + sms.path("text").asText());
    }
    return found;
  }

  private void expectStatus(String status) {
    poll(
        "the case " + status,
        () -> {
          var found = caseView().path("status").asText();
          return found.equals(status) ? Optional.of(found) : Optional.empty();
        });
  }

  private void expectTimeline(JsonNode args) {
    poll(
        "the timeline " + args,
        () -> {
          var timeline = caseView().path("timeline");
          var kinds = timeline.findValuesAsText("kind");
          var details = String.join("\n", timeline.findValuesAsText("detail"));
          for (var kind : args.path("has")) {
            if (!kinds.contains(kind.asText())) {
              return Optional.empty();
            }
          }
          for (var kind : args.path("lacks")) {
            if (kinds.contains(kind.asText())) {
              return Optional.empty();
            }
          }
          for (var counted : args.path("count").properties()) {
            long times = kinds.stream().filter(counted.getKey()::equals).count();
            if (times != counted.getValue().asInt()) {
              return Optional.empty();
            }
          }
          return containsAll(details, args.path("mentions")) ? Optional.of(true) : Optional.empty();
        });
  }

  private void expectCase(JsonNode args) {
    poll(
        "the case " + args,
        () -> {
          var view = caseView();
          if (args.has("score-at-least")
              && view.path("score").asInt(-1) < args.get("score-at-least").asInt()) {
            return Optional.empty();
          }
          if (args.has("score-below")
              && view.path("score").asInt(101) >= args.get("score-below").asInt()) {
            return Optional.empty();
          }
          for (var answer : args.path("answers").properties()) {
            if (!view.path("answers")
                .path(answer.getKey())
                .asText()
                .equals(answer.getValue().asText())) {
              return Optional.empty();
            }
          }
          if (args.has("problem")
              && !view.path("problem").asText().equals(args.get("problem").asText())) {
            return Optional.empty();
          }
          return Optional.of(true);
        });
  }

  // --- the desk's jobs and waiting ---------------------------------------------------------

  /** Runs every job that is due now, as the job executor would, until none is left. */
  private void settle() {
    CaseJobs.runAllDue(desk.engine());
  }

  private <T> T poll(String expected, Supplier<Optional<T>> probe) {
    return poll(expected, probe, () -> "");
  }

  private <T> T poll(String expected, Supplier<Optional<T>> probe, Supplier<String> diagnosis) {
    var end = System.nanoTime() + DEADLINE.toNanos();
    Optional<T> found = Optional.empty();
    RuntimeException lastError = null;
    while (System.nanoTime() < end) {
      settle();
      try {
        found = probe.get();
        if (found.isPresent()) {
          return found.get();
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw failure(
        expected,
        (lastError == null ? "nothing within " + DEADLINE.toSeconds() + " s" : lastError.toString())
            + " "
            + diagnosis.get());
  }

  private void check(boolean holds, String expected, String found) {
    if (!holds) {
      throw failure(expected, found);
    }
  }

  private AssertionError failure(String expected, String found) {
    var message = new StringBuilder();
    message.append(scenario).append("\n  at ").append(current == null ? "the account" : current);
    message.append("\n  expected: ").append(expected);
    message.append("\n  found:    ").append(found);
    if (caseId != null) {
      message.append("\n  case ").append(caseId).append(" timeline:");
      try {
        for (var event : caseView().path("timeline")) {
          message
              .append("\n    ")
              .append(event.path("kind").asText())
              .append("  ")
              .append(event.path("detail").asText());
        }
      } catch (RuntimeException e) {
        message.append(" unreadable (").append(e).append(")");
      }
      var incidents = desk.engine().getRuntimeService().createIncidentQuery().list();
      for (var incident : incidents) {
        message
            .append("\n  incident at ")
            .append(incident.getActivityId())
            .append(": ")
            .append(incident.getIncidentMessage());
      }
    }
    for (var address : new String[] {values.get("email"), values.get("old-email")}) {
      if (address != null && !address.isEmpty()) {
        message
            .append("\n  mail to ")
            .append(address)
            .append(": ")
            .append(describe(desk.mail().inbox(address)));
      }
    }
    return new AssertionError(message.toString());
  }

  /** Ends whatever the scenario left running and puts the clocks back, for the next one. */
  private void cleanUp() {
    var runtime = desk.engine().getRuntimeService();
    var running = runtime.createProcessInstanceQuery().rootProcessInstances().list();
    for (var instance : running) {
      runtime.deleteProcessInstance(instance.getId(), "scenario over", true, true);
    }
    CaseJobs.resetClocks(desk.clock());
  }

  // --- reading mail and pages --------------------------------------------------------------

  private boolean unread(MimeMessage message) {
    return !readMail.contains(messageId(message));
  }

  private boolean matches(MimeMessage message, JsonNode args) {
    try {
      var subject = Optional.ofNullable(message.getSubject()).orElse("");
      var text = text(message);
      if (args.hasNonNull("template") && !args.get("template").asText().equals(template(message))) {
        return false;
      }
      if (args.hasNonNull("language")
          && !args.get("language").asText().equals(message.getHeader("Content-Language", null))) {
        return false;
      }
      if (!containsAll(subject, args.path("subject"))) {
        return false;
      }
      if (!containsAll(text, args.path("contains"))) {
        return false;
      }
      var everything = subject + "\n" + text + "\n" + html(message);
      for (var absent : args.path("lacks")) {
        if (everything.contains(absent.asText())) {
          return false;
        }
      }
      return true;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean containsAll(String text, JsonNode wanted) {
    if (wanted.isMissingNode() || wanted.isNull()) {
      return true;
    }
    if (wanted.isTextual()) {
      return text.contains(wanted.asText());
    }
    for (var part : wanted) {
      if (!text.contains(part.asText())) {
        return false;
      }
    }
    return true;
  }

  private String template(MimeMessage message) {
    return desk
        .jdbc()
        .queryForList(
            "select template from outbound_mail where message_id = ?",
            String.class,
            messageId(message))
        .stream()
        .findFirst()
        .orElse("(not sent by the desk)");
  }

  private String describe(List<MimeMessage> messages) {
    var lines = new ArrayList<String>();
    for (var message : messages) {
      try {
        lines.add(
            (unread(message) ? "new " : "read ")
                + template(message)
                + " \""
                + message.getSubject()
                + "\"");
      } catch (MessagingException e) {
        lines.add("unreadable");
      }
    }
    return lines.isEmpty() ? "none" : String.join("; ", lines);
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String replyAddress(MimeMessage message) throws MessagingException {
    var replyTo = message.getReplyTo();
    return ((InternetAddress)
            (replyTo != null && replyTo.length > 0 ? replyTo : message.getFrom())[0])
        .getAddress();
  }

  static String text(Part part) {
    return content(part, "text/plain");
  }

  private static String html(Part part) {
    return content(part, "text/html");
  }

  private static String content(Part part, String type) {
    try {
      if (part.isMimeType(type)) {
        return String.valueOf(part.getContent());
      }
      if (part.getContent() instanceof MimeMultipart multipart) {
        var out = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
          out.append(content(multipart.getBodyPart(i), type));
        }
        return out.toString();
      }
      return "";
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode caseView() {
    var response = api.get("/api/recovery-cases/" + caseId, "agent:agent");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET case " + caseId + ": " + response.statusCode());
    }
    return readTree(response.body());
  }

  private JsonNode readTree(String body) {
    try {
      return desk.json().readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("Not JSON: " + body, e);
    }
  }

  private HttpResponse<String> browse(HttpRequest request) throws Exception {
    return browser.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Links in mail name the public base URL; the desk under test listens on its own port. */
  private String local(String link) {
    return link.replaceFirst("^https?://[^/]+", "http://127.0.0.1:" + desk.port());
  }

  // --- placeholders ------------------------------------------------------------------------

  private JsonNode resolved(JsonNode node) {
    if (node == null) {
      return desk.json().nullNode();
    }
    if (node.isTextual()) {
      return TextNode.valueOf(resolve(node.asText()));
    }
    if (node.isContainerNode()) {
      var copy = node.deepCopy();
      if (copy instanceof ObjectNode object) {
        for (var entry : List.copyOf(object.properties())) {
          object.set(entry.getKey(), resolved(entry.getValue()));
        }
      } else if (copy instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          array.set(i, resolved(array.get(i)));
        }
      }
      return copy;
    }
    return node;
  }

  private String resolve(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    var out = new StringBuilder();
    while (matcher.find()) {
      var name = matcher.group(1);
      String value =
          switch (name) {
            case "given-code" -> givenCodes.get(Integer.parseInt(matcher.group(2)) - 1);
            case "new-code" -> newCodes.get(Integer.parseInt(matcher.group(2)) - 1);
            default -> values.get(name);
          };
      if (value == null) {
        throw failure("a value for ${" + name + "}", "none yet (known: " + values.keySet() + ")");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
