package dev.recoverydesk.recovery.process;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.mail.InboundMails;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.cases.CaseReviews;
import dev.recoverydesk.verification.IdentityScore;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.springframework.stereotype.Component;

/**
 * What the agents' forms show, built from the desk's records when each task is created and set on
 * the task itself: each answer beside the account's fact (masked) and the points it got, the proofs
 * and risk signals, the mail thread as trimmed and, for the second approval, who reviewed and what
 * they wrote. The user's answers are shown as written; the account's email and phone only masked.
 * Nothing here steers the process: the forms only show it.
 */
@Component
class ReviewForms {

  private static final int MAX_THREAD = 6_000;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final Map<Integer, String> QUESTIONS =
      Map.of(
          1, "Email address",
          2, "Phone number",
          3, "Account created",
          4, "A recent post",
          5, "Accounts followed",
          6, "Devices or browsers");

  private final InboundMails inbox;
  private final CaseRecords records;
  private final CaseReviews reviews;
  private final AccountDirectory accounts;

  ReviewForms(
      InboundMails inbox, CaseRecords records, CaseReviews reviews, AccountDirectory accounts) {
    this.inbox = inbox;
    this.records = records;
    this.reviews = reviews;
    this.accounts = accounts;
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
    form.put("problem", recoveryCase.problem().name());
    form.put("score", assessment.score().total());
    form.put("recommendation", assessment.recommendation());
    form.put("answeredQuestions", answers.size());
    form.put(
        "evidence", evidence(accounts.find(recoveryCase.username()), answers, assessment.score()));
    form.put("proofsAndSignals", proofsAndSignals(assessment.proofs(), assessment.signals()));
    form.put("mailThread", thread(caseId));
    return form;
  }

  /** The same evidence, and who reviewed it with their note. */
  Map<String, Object> approval(CaseId caseId) {
    var form = review(caseId);
    var review = reviews.latest(caseId, CaseReviews.REVIEW);
    form.put("reviewer", review.map(CaseReviews.Decision::decidedBy).orElse("(none)"));
    form.put("reviewNote", review.map(CaseReviews.Decision::note).orElse(""));
    return form;
  }

  /** The words of a request no path matched, for the agent who chooses the problem. */
  Map<String, Object> confirmProblem(CaseId caseId) {
    var words = records.description(caseId).strip();
    return Map.of("userWords", words.length() <= 2000 ? words : words.substring(0, 1999) + "…");
  }

  /** Answer, fact on file and points, question by question. */
  String evidence(
      Optional<Account> account, SortedMap<Integer, String> answers, IdentityScore score) {
    var text = new StringBuilder();
    for (int number = 1; number <= 6; number++) {
      final int question = number;
      var answer = answers.getOrDefault(question, "").strip();
      text.append(question).append(". ").append(QUESTIONS.get(question)).append('\n');
      text.append("   answer:  ")
          .append(answer.isEmpty() ? "(none)" : oneLine(answer))
          .append('\n');
      text.append("   on file: ")
          .append(account.map(facts -> fact(facts, question)).orElse("(no such account)"))
          .append('\n');
      for (var line : score.breakdown()) {
        if (line.question() == question) {
          text.append("   points:  ")
              .append(line.points())
              .append('/')
              .append(line.maxPoints())
              .append(" (")
              .append(line.why())
              .append(")\n");
        }
      }
    }
    text.append("Total: ").append(score.total()).append("/100");
    return text.toString();
  }

  /** The independent proofs, then the risk signals. */
  static String proofsAndSignals(List<String> proofs, List<String> signals) {
    return "Independent proofs ("
        + proofs.size()
        + "): "
        + (proofs.isEmpty() ? "none" : String.join("; ", proofs))
        + "\nRisk signals ("
        + signals.size()
        + "): "
        + (signals.isEmpty() ? "none" : String.join("; ", signals));
  }

  /**
   * The mail the case took, oldest first, as trimmed of quotes, signatures and footers; below it,
   * what was cut.
   */
  String thread(CaseId caseId) {
    var mails = inbox.ofCase(caseId);
    return trimmed(mails) + CutFromTheMail.section(mails);
  }

  private static String trimmed(List<InboundMails.Stored> mails) {
    var text = new StringBuilder();
    for (var mail : mails) {
      text.append(WHEN.format(mail.receivedAt()))
          .append("  from ")
          .append(mail.sender())
          .append('\n')
          .append(mail.text() == null ? "" : mail.text().strip())
          .append("\n\n");
    }
    if (text.length() > MAX_THREAD) {
      return "…\n" + text.substring(text.length() - MAX_THREAD);
    }
    return text.isEmpty() ? "(no mail yet)" : text.toString().strip();
  }

  private static String fact(Account account, int question) {
    return switch (question) {
      case 1 ->
          account.email().masked()
              + (account.previousEmails().isEmpty()
                  ? ""
                  : " and " + account.previousEmails().size() + " earlier address(es)");
      case 2 -> account.phoneNumber().map(phone -> phone.masked()).orElse("(none)");
      case 3 ->
          account.createdAt() == null
              ? "(unknown)"
              : YearMonth.from(account.createdAt()).toString();
      case 4 ->
          account.recentPosts().isEmpty()
              ? "(none)"
              : account.recentPosts().size()
                  + " recent post(s), the latest on "
                  + account.recentPosts().get(0).postedAt();
      case 5 -> account.following().isEmpty() ? "(none)" : first(account.following(), 5);
      case 6 -> {
        var devices = new ArrayList<String>();
        account
            .devices()
            .forEach(d -> devices.add(d.name() + (d.browser() == null ? "" : " / " + d.browser())));
        yield devices.isEmpty() ? "(none)" : first(devices, 6);
      }
      default -> "";
    };
  }

  private static String first(List<String> items, int max) {
    var shown = String.join(", ", items.subList(0, Math.min(max, items.size())));
    return items.size() > max ? shown + " (+" + (items.size() - max) + " more)" : shown;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " / ");
  }
}
