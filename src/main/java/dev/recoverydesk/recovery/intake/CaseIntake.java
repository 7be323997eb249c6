package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.audit.AuditSubject;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.recovery.CaseOpened;
import dev.recoverydesk.recovery.CasePolicy;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.IntakeLimitReached;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.QuestionnaireTimers;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.ReviewPolicy;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a case and starts its {@code account-recovery} process, in one transaction. A username that
 * names no account opens a case all the same, so that the answer never tells whether an account
 * exists.
 */
@Service
public class CaseIntake {

  public static final String PROCESS_KEY = "account-recovery";

  /** The audit action, and the proof, of a request sent from a device the account signed in on. */
  public static final String KNOWN_DEVICE = "KNOWN_DEVICE";

  /** The audit action of a request an intake limit refused: which limit, masked contact. */
  public static final String INTAKE_LIMITED = "INTAKE_LIMITED";

  private final CaseRecords records;
  private final AccountDirectory accounts;
  private final RequestDevice device;
  private final RuntimeService runtime;
  private final AuditLog audit;
  private final CasePolicy policy;
  private final QuestionnaireTimers timers;
  private final ReviewPolicy review;
  private final Clock clock;
  private final IntakeLimits limits;
  private final ApplicationEventPublisher events;

  CaseIntake(
      CaseRecords records,
      AccountDirectory accounts,
      RequestDevice device,
      RuntimeService runtime,
      AuditLog audit,
      CasePolicy policy,
      QuestionnaireTimers timers,
      ReviewPolicy review,
      Clock clock,
      IntakeLimits limits,
      ApplicationEventPublisher events) {
    this.records = records;
    this.accounts = accounts;
    this.device = device;
    this.runtime = runtime;
    this.audit = audit;
    this.policy = policy;
    this.timers = timers;
    this.review = review;
    this.clock = clock;
    this.limits = limits;
    this.events = events;
  }

  /**
   * A request to open a case, checked at the edge.
   *
   * @param language the language the person asked for; empty to go by the account's
   * @param deviceId the identifier of the device the request came from, as the platform gave it
   * @param client who sent it over HTTP, as the per-client limit counts it; empty for mail
   */
  public record Request(
      String username,
      EmailAddress contact,
      Optional<Problem> problem,
      String description,
      Optional<Language> language,
      String channel,
      Optional<String> deviceId,
      Optional<String> client) {

    public Request(
        String username,
        EmailAddress contact,
        Optional<Problem> problem,
        String description,
        Optional<Language> language,
        String channel) {
      this(
          username,
          contact,
          problem,
          description,
          language,
          channel,
          Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * A user's request (the API, the web form, a mail to the support address): refused with {@link
   * IntakeLimited} when the client, the account or the contact address has had enough requests. The
   * limits are checked before anything else is looked at, so that a refusal is the same for known
   * and unknown usernames; a refused request is audited and opens nothing.
   */
  @Transactional(noRollbackFor = IntakeLimited.class)
  public RecoveryCase open(Request request) {
    var username = username(request);
    try {
      request.client().ifPresent(limits::client);
      perAccount(username);
      limits.contact(request.contact());
    } catch (IntakeLimited limited) {
      limitedAudit(username, request, limited);
      throw limited;
    }
    return opened(username, request);
  }

  /**
   * An agent opens a case from a mail in triage: a decision of the desk's own, so only the
   * per-account limit applies, not the limits on what the public sends.
   */
  @Transactional(noRollbackFor = IntakeLimited.class)
  public RecoveryCase openFromTriage(Request request) {
    var username = username(request);
    try {
      perAccount(username);
    } catch (IntakeLimited limited) {
      limitedAudit(username, request, limited);
      throw limited;
    }
    return opened(username, request);
  }

  private static String username(Request request) {
    return Usernames.canonical(request.username())
        .orElseThrow(() -> new IllegalArgumentException("Not a username"));
  }

  /** Refuses a request when the account has its share of cases within the window. */
  private void perAccount(String username) {
    var now = clock.instant();
    var recent = records.openedSince(username, now.minus(policy.window()));
    if (recent.size() >= policy.maxPerAccount()) {
      // Newest first: when the max-th newest leaves the window, one more may be opened.
      var leaves = recent.get(policy.maxPerAccount() - 1).openedAt().plus(policy.window());
      throw new IntakeLimited(IntakeLimited.Limit.ACCOUNT, Duration.between(now, leaves));
    }
  }

  private void limitedAudit(String username, Request request, IntakeLimited limited) {
    var details = new LinkedHashMap<String, Object>();
    details.put("limit", limited.limit().name());
    details.put("channel", request.channel());
    details.put("contact", request.contact().masked());
    request.client().ifPresent(client -> details.put("client", client));
    details.put("retryAfterSeconds", limited.retryAfter().orElseThrow().toSeconds());
    audit.record(INTAKE_LIMITED, "account:" + username, details);
    events.publishEvent(
        new IntakeLimitReached(limited.limit().name().toLowerCase(Locale.ROOT), request.channel()));
  }

  private RecoveryCase opened(String username, Request request) {
    var account = accounts.contact(username);
    var locale =
        Language.choose(
                request.language().map(Language::tag).orElse(null),
                account.map(a -> a.locale()),
                null)
            .tag();
    var caseId = CaseId.random();
    var opened =
        new RecoveryCase(
            caseId,
            username,
            account.isPresent(),
            request.contact(),
            request.problem().orElse(Problem.OTHER),
            locale,
            CaseStatus.OPEN,
            null,
            null,
            clock.instant());
    records.create(
        opened,
        request.problem().isPresent() ? "REQUEST" : "PENDING",
        request.description(),
        request.channel());
    runtime
        .createProcessInstanceByKey(PROCESS_KEY)
        .businessKey(caseId.value())
        .setVariable("caseId", caseId.value())
        .setVariable("problem", request.problem().map(Enum::name).orElse("UNKNOWN"))
        .setVariable("locale", locale)
        .setVariable("reminderAfter", timers.reminderAfter().toString())
        .setVariable("expireAfter", timers.expireAfter().toString())
        .setVariable("reviewSla", review.sla().toString())
        // Only the classifier reads the free text; it is not kept in history.
        .setVariable(
            "description",
            Variables.stringValue(request.description() == null ? "" : request.description(), true))
        .execute();
    // The problem once the start has classified the words (OTHER when they match no path).
    var problem = records.find(caseId).map(RecoveryCase::problem).orElse(opened.problem());
    events.publishEvent(new CaseOpened(caseId, problem, request.channel()));
    audit.record(
        "CASE_OPENED",
        AuditSubject.of(caseId),
        Map.of("channel", request.channel(), "username", username));
    if (account.isPresent() && request.deviceId().isPresent()) {
      accounts
          .find(username)
          .ifPresent(facts -> device.note(caseId, facts, request.deviceId().get()));
    }
    return opened;
  }
}
