package dev.recoverydesk.recovery.process;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.mail.InboundMails;
import dev.recoverydesk.verification.IdentityScore;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.springframework.stereotype.Component;

/**
 * What the agent reads in the review form, as plain text: each answer beside the account's fact
 * (masked) and the points it got, the proofs and risk signals, and the mail thread as trimmed. The
 * user's answers are shown as written; the account's email and phone only masked.
 */
@Component
class ReviewSummary {

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

  ReviewSummary(InboundMails inbox) {
    this.inbox = inbox;
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
  static String proofsAndSignals(Evidence.Found found) {
    return "Independent proofs ("
        + found.proofs().size()
        + "): "
        + (found.proofs().isEmpty() ? "none" : String.join("; ", found.proofs()))
        + "\nRisk signals ("
        + found.signals().size()
        + "): "
        + (found.signals().isEmpty() ? "none" : String.join("; ", found.signals()));
  }

  /** The mail the case took, oldest first, as trimmed of quotes and signatures. */
  String thread(CaseId caseId) {
    var text = new StringBuilder();
    for (var mail : inbox.ofCase(caseId)) {
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
