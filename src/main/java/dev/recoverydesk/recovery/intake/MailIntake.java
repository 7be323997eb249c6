package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.mail.NewMail;
import dev.recoverydesk.mail.NewMailHandler;
import dev.recoverydesk.recovery.Problem;
import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A mail to the support address without a case opens one when it names a username and the {@code
 * problem-type} table recognises the problem (Japanese or English); the sender is the contact
 * address. When either is unclear, or an intake limit refuses the request (the per-contact limit
 * counts the sender), the mail goes to an agent instead.
 */
@Component
class MailIntake implements NewMailHandler {

  private static final Logger log = LoggerFactory.getLogger(MailIntake.class);

  /**
   * "username: alice", "my account is @alice", "ユーザー名：alice", "アカウントは @alice", or a bare "@alice"
   * that is not part of an email address.
   */
  private static final Pattern USERNAME =
      Pattern.compile(
          "(?i)\\b(?:user\\s*name|username|handle|account|user\\s*id|id)\\b\\s*(?:is\\s+|[:=]\\s*)@?([a-z0-9_]{1,30})\\b"
              + "|(?:ユーザー\\s*名|ユーザ名|アカウント名?|ID)\\s*(?:は)?\\s*[:：=]?\\s*@?([A-Za-z0-9_]{1,30})"
              + "|(?<![\\w.+\\-])@([A-Za-z0-9_]{1,30})\\b(?![.@\\w])");

  private final CaseIntake intake;
  private final DecisionService decisions;

  MailIntake(CaseIntake intake, DecisionService decisions) {
    this.intake = intake;
    this.decisions = decisions;
  }

  @Override
  public Optional<CaseId> open(NewMail mail) {
    var words = (mail.subject() == null ? "" : mail.subject()) + "\n" + mail.text();
    var username = USERNAME.matcher(Normalizer.normalize(words, Normalizer.Form.NFKC));
    if (!username.find()) {
      return Optional.empty();
    }
    var problem =
        Problem.valueOf(
            (String)
                decisions
                    .evaluateDecisionTableByKey(
                        "problem-type", Variables.putValue("description", words))
                    .getSingleResult()
                    .getSingleEntry());
    if (problem == Problem.OTHER) {
      return Optional.empty();
    }
    try {
      var opened =
          intake.open(
              new CaseIntake.Request(
                  firstGroup(username),
                  mail.from(),
                  Optional.of(problem),
                  mail.text(),
                  Optional.of(Language.ofText(words)),
                  "MAIL"));
      return Optional.of(opened.caseId());
    } catch (IntakeLimited limited) {
      // Audited by the intake; no case, no mail to the sender, and an agent still sees the mail.
      log.info(
          "Mail {} is over the {} intake limit; it opens no case and goes to triage",
          mail.mailId(),
          limited.limit());
      return Optional.empty();
    } catch (IllegalArgumentException refused) {
      log.info("Mail {} names a request that cannot be opened; it goes to triage", mail.mailId());
      return Optional.empty();
    }
  }

  private static String firstGroup(java.util.regex.Matcher matcher) {
    for (int group = 1; group <= matcher.groupCount(); group++) {
      if (matcher.group(group) != null) {
        return matcher.group(group);
      }
    }
    throw new IllegalStateException();
  }
}
