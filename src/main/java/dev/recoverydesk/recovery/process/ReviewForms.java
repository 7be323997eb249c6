package dev.recoverydesk.recovery.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.mail.InboundMails;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.cases.CaseReviews;
import dev.recoverydesk.verification.IdentityScore;
import dev.recoverydesk.verification.Question;
import dev.recoverydesk.verification.Questionnaire;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * What the agents' forms show, built from the desk's records when each task is created and set on
 * the task itself. Plain values ({@code score}, {@code recommendation}, …) feed the forms' text;
 * JSON lists feed their tables: each answer beside the account's fact (masked) and its points
 * ({@code evidence}), every kind of proof and risk signal marked present or absent ({@code
 * proofsAndSignals}), the mail newest first ({@code mailThread}), the case's {@code timeline} and,
 * for the second approval, the {@code review} it confirms. Each row carries its fixed words in
 * English and, in {@code …Ja} columns, in Japanese. The user's answers and mail are shown as
 * written; the account's email and phone, and senders, only masked. Nothing here steers the
 * process: the forms only show it.
 *
 * <p>Longer than the desk's other classes because every table the three forms show is filled here,
 * one method a table, so that a form's columns and the code that fills them are read together.
 */
@Component
class ReviewForms {

  private static final int MAX_MAILS = 20;
  private static final int MAX_MAIL_TEXT = 3_000;
  private static final int MAX_DETAIL = 160;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final InboundMails inbox;
  private final CaseRecords records;
  private final CaseReviews reviews;
  private final AccountDirectory accounts;
  private final ObjectMapper json;

  ReviewForms(
      InboundMails inbox,
      CaseRecords records,
      CaseReviews reviews,
      AccountDirectory accounts,
      ObjectMapper json) {
    this.inbox = inbox;
    this.records = records;
    this.reviews = reviews;
    this.accounts = accounts;
    this.json = json;
  }

  /** The review's evidence, as the desk assessed it. */
  Map<String, Object> review(CaseId caseId) {
    var recoveryCase =
        records.find(caseId).orElseThrow(() -> new IllegalStateException("No case " + caseId));
    var assessment =
        reviews
            .assessment(caseId)
            .orElseThrow(() -> new IllegalStateException("Case " + caseId + " is not scored"));
    var answers = records.answers(caseId);
    var form = new LinkedHashMap<String, Object>();
    var problem = recoveryCase.problem().name();
    form.put("problem", problem);
    form.put("problemJa", ReviewWords.japanese(problem));
    form.put("score", assessment.score().total());
    form.put("maxScore", Questionnaire.MAX_SCORE);
    form.put("recommendation", assessment.recommendation());
    form.put("recommendationJa", ReviewWords.japanese(assessment.recommendation()));
    form.put("answeredQuestions", answers.size());
    form.put("questions", Questionnaire.QUESTIONS.size());
    var why = secondApproval(assessment);
    form.put("secondApproval", why.get(0));
    form.put("secondApprovalJa", why.get(1));
    form.put(
        "evidence",
        table(evidence(accounts.find(recoveryCase.username()), answers, assessment.score())));
    form.put(
        "proofsAndSignals", table(proofsAndSignals(assessment.proofs(), assessment.signals())));
    form.put("mailThread", table(thread(caseId)));
    form.put("mailCut", table(cut(caseId)));
    form.put("timeline", table(timeline(caseId)));
    return form;
  }

  /** The same evidence, and the review it confirms: who, what they decided, their note. */
  Map<String, Object> approval(CaseId caseId) {
    var form = review(caseId);
    var review = reviews.latest(caseId, CaseReviews.REVIEW);
    form.put("reviewer", review.map(CaseReviews.Decision::decidedBy).orElse("(none)"));
    form.put("reviewNote", review.map(CaseReviews.Decision::note).orElse(""));
    var rows = new ArrayList<Map<String, String>>();
    review.ifPresent(
        decided ->
            rows.add(
                row(
                    "by", decided.decidedBy(),
                    "decision", decided.decision(),
                    "decisionJa", ReviewWords.japanese(decided.decision()),
                    "note", decided.note() == null ? "" : decided.note(),
                    "at", WHEN.format(decided.at()))));
    form.put("review", table(rows));
    return form;
  }

  /** The words of a request no path matched, for the agent who chooses the problem. */
  Map<String, Object> confirmProblem(CaseId caseId) {
    var words = records.description(caseId).strip();
    return Map.of("userWords", words.length() <= 2000 ? words : words.substring(0, 1999) + "…");
  }

  /**
   * Whether approving this case takes a supervisor too, and why, in English and Japanese: the
   * gateway after the review asks the same of the same record ({@link ReviewRoute}).
   */
  static List<String> secondApproval(CaseReviews.Assessment assessment) {
    var en = new ArrayList<String>();
    var ja = new ArrayList<String>();
    if (!assessment.accountKnown()) {
      en.add("no account has this username");
      ja.add("このユーザー名のアカウントがない");
    }
    if (assessment.proofs().size() < 2) {
      en.add("fewer than two independent proofs (" + assessment.proofs().size() + ")");
      ja.add("独立した証拠が2つ未満（" + assessment.proofs().size() + "件）");
    }
    if (!assessment.signals().isEmpty()) {
      en.add(assessment.signals().size() + " risk signal(s)");
      ja.add("リスクシグナル " + assessment.signals().size() + " 件");
    }
    if (!"APPROVE".equals(assessment.recommendation())) {
      en.add("the recommendation is " + assessment.recommendation());
      ja.add("推奨が「" + ReviewWords.japanese(assessment.recommendation()) + "」");
    }
    if (en.isEmpty() && !assessment.secondApproval()) {
      return List.of(
          "Not needed: two independent proofs, good answers and no risk signal",
          "不要：独立した証拠が2つ以上、回答が良好、リスクシグナルなし");
    }
    if (en.isEmpty()) {
      en.add("the routing table asks for one");
      ja.add("判定表が求めている");
    }
    return List.of("Needed: " + String.join("; ", en), "必要：" + String.join("、", ja));
  }

  /** Answer, fact on file and points, question by question, then the total. */
  List<Map<String, String>> evidence(
      Optional<Account> account, SortedMap<Integer, String> answers, IdentityScore score) {
    var rows = new ArrayList<Map<String, String>>();
    for (var question : Questionnaire.QUESTIONS) {
      var answer = answers.getOrDefault(question.number(), "").strip();
      var onFile = account.map(facts -> fact(facts, question)).orElse("(no such account)");
      var line =
          score.breakdown().stream().filter(l -> l.question() == question.number()).findFirst();
      rows.add(
          row(
              "number", Integer.toString(question.number()),
              "question", question.label(Language.EN),
              "answer", answer,
              "onFile", onFile,
              "points", line.map(l -> l.points() + " / " + l.maxPoints()).orElse(""),
              "why", line.map(IdentityScore.Line::why).orElse(""),
              "questionJa", question.label(Language.JA),
              "onFileJa", ReviewWords.japanese(onFile),
              "whyJa", line.map(l -> ReviewWords.japanese(l.why())).orElse("")));
    }
    rows.add(
        row(
            "number", "",
            "question", "Total",
            "answer", "",
            "onFile", "",
            "points", score.total() + " / " + Questionnaire.MAX_SCORE,
            "why", "",
            "questionJa", "合計",
            "onFileJa", "",
            "whyJa", ""));
    return rows;
  }

  /** Every kind of proof, then of risk signal, marked present or absent. */
  static List<Map<String, String>> proofsAndSignals(List<String> proofs, List<String> signals) {
    var rows = new ArrayList<Map<String, String>>();
    for (var kind : Evidence.KINDS) {
      var recorded = kind.of(kind.proof() ? proofs : signals);
      rows.add(
          row(
              "kind", kind.proof() ? "Proof" : "Risk signal",
              "what", kind.en(),
              "found", recorded.isPresent() ? "present" : "absent",
              "detail", recorded.filter(found -> !found.equals(kind.name())).orElse(""),
              "kindJa", kind.proof() ? "証拠" : "リスクシグナル",
              "whatJa", kind.ja(),
              "foundJa", recorded.isPresent() ? "あり" : "なし"));
    }
    return rows;
  }

  /** The mail the case took, newest first, as trimmed of quotes and signatures. */
  List<Map<String, String>> thread(CaseId caseId) {
    var mails = new ArrayList<>(inbox.ofCase(caseId));
    Collections.reverse(mails);
    var rows = new ArrayList<Map<String, String>>();
    for (var mail : mails.subList(0, Math.min(MAX_MAILS, mails.size()))) {
      var text = mail.text() == null ? "" : mail.text().strip();
      rows.add(
          row(
              "received", WHEN.format(mail.receivedAt()),
              "from",
                  EmailAddress.parse(mail.sender())
                      .map(EmailAddress::masked)
                      .orElse("(no readable sender)"),
              "text",
                  text.length() <= MAX_MAIL_TEXT ? text : text.substring(0, MAX_MAIL_TEXT) + " …"));
    }
    return rows;
  }

  /**
   * What the reader cut from each mail as quote, signature or footer, newest mail first: beside the
   * trimmed thread, so that an agent sees when the reader cut too much.
   */
  List<Map<String, String>> cut(CaseId caseId) {
    var mails = new ArrayList<>(inbox.ofCase(caseId));
    Collections.reverse(mails);
    var rows = new ArrayList<Map<String, String>>();
    for (var mail : mails.subList(0, Math.min(MAX_MAILS, mails.size()))) {
      for (var part : mail.cut()) {
        rows.add(
            row(
                "received", WHEN.format(mail.receivedAt()),
                "kind", part.kind().label(),
                "text", CutFromTheMail.shortened(part.text()),
                "kindJa", ReviewWords.japanese(part.kind().label())));
      }
    }
    return rows;
  }

  /** What happened to the case, oldest first. */
  List<Map<String, String>> timeline(CaseId caseId) {
    var rows = new ArrayList<Map<String, String>>();
    for (var event : records.timeline(caseId)) {
      var detail = detail(event);
      rows.add(
          row(
              "at", WHEN.format(event.at()),
              "kind", CaseEventKind.label(event.kind(), Language.EN),
              "detail",
                  detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + " …",
              "kindJa", CaseEventKind.label(event.kind(), Language.JA)));
    }
    return rows;
  }

  /** An event's detail in a few words: scoring's records are JSON, shown as their counts. */
  private String detail(CaseRecords.Event event) {
    var detail = event.detail() == null ? "" : event.detail();
    if (!detail.startsWith("{")) {
      return detail;
    }
    try {
      var node = json.readTree(detail);
      if (node.has("total")) {
        return node.get("total").asInt() + " / 100";
      }
      if (node.has("proofs") && node.has("signals")) {
        return node.get("proofs").size()
            + " proof(s), "
            + node.get("signals").size()
            + " risk signal(s)";
      }
    } catch (JsonProcessingException notJson) {
      // shown as recorded
    }
    return detail;
  }

  private TypedValue table(List<Map<String, String>> rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> row(String... keysAndValues) {
    var row = new LinkedHashMap<String, String>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put(keysAndValues[i], keysAndValues[i + 1] == null ? "" : keysAndValues[i + 1]);
    }
    return row;
  }

  private static String fact(Account account, Question question) {
    return switch (question) {
      case EMAIL ->
          account.email().masked()
              + (account.previousEmails().isEmpty()
                  ? ""
                  : " and " + account.previousEmails().size() + " earlier address(es)");
      case PHONE -> account.phoneNumber().map(phone -> phone.masked()).orElse("(none)");
      case CREATED ->
          account.createdAt() == null
              ? "(unknown)"
              : YearMonth.from(account.createdAt()).toString();
      case POST ->
          account.recentPosts().isEmpty()
              ? "(none)"
              : account.recentPosts().size()
                  + " recent post(s), the latest on "
                  + account.recentPosts().get(0).postedAt();
      case FOLLOWING -> account.following().isEmpty() ? "(none)" : first(account.following(), 5);
      case DEVICES -> {
        var devices = new ArrayList<String>();
        account
            .devices()
            .forEach(d -> devices.add(d.name() + (d.browser() == null ? "" : " / " + d.browser())));
        yield devices.isEmpty() ? "(none)" : first(devices, 6);
      }
    };
  }

  private static String first(List<String> items, int max) {
    var shown = String.join(", ", items.subList(0, Math.min(max, items.size())));
    return items.size() > max ? shown + " (+" + (items.size() - max) + " more)" : shown;
  }
}
