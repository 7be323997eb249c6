package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.recovery.CasePolicy;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.QuestionnaireTimers;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.ReviewPolicy;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.system.DeskException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
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

  /** The audit action of a request sent from a device the account signed in on. */
  public static final String KNOWN_DEVICE = "KNOWN_DEVICE";

  private final CaseRecords records;
  private final AccountDirectory accounts;
  private final DeviceIds deviceIds;
  private final RuntimeService runtime;
  private final AuditLog audit;
  private final CasePolicy policy;
  private final QuestionnaireTimers timers;
  private final ReviewPolicy review;
  private final Clock clock;

  CaseIntake(
      CaseRecords records,
      AccountDirectory accounts,
      DeviceIds deviceIds,
      RuntimeService runtime,
      AuditLog audit,
      CasePolicy policy,
      QuestionnaireTimers timers,
      ReviewPolicy review,
      Clock clock) {
    this.records = records;
    this.accounts = accounts;
    this.deviceIds = deviceIds;
    this.runtime = runtime;
    this.audit = audit;
    this.policy = policy;
    this.timers = timers;
    this.review = review;
    this.clock = clock;
  }

  /**
   * A request to open a case, checked at the edge.
   *
   * @param deviceId the identifier of the device the request came from, as the platform gave it
   */
  public record Request(
      String username,
      EmailAddress contact,
      Optional<Problem> problem,
      String description,
      Optional<String> locale,
      String channel,
      Optional<String> deviceId) {

    public Request(
        String username,
        EmailAddress contact,
        Optional<Problem> problem,
        String description,
        Optional<String> locale,
        String channel) {
      this(username, contact, problem, description, locale, channel, Optional.empty());
    }
  }

  @Transactional
  public RecoveryCase open(Request request) {
    var username =
        Usernames.canonical(request.username())
            .orElseThrow(() -> new IllegalArgumentException("Not a username"));
    var recent = records.openedSince(username, clock.instant().minus(policy.window()));
    if (recent.size() >= policy.maxPerAccount()) {
      throw new TooManyCases(policy.window());
    }
    var account = accounts.contact(username);
    var locale = request.locale().or(() -> account.map(a -> a.locale())).orElse("en");
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
    audit.record(
        "CASE_OPENED",
        "case:" + caseId.value(),
        Map.of("channel", request.channel(), "username", username));
    if (account.isPresent() && request.deviceId().isPresent()) {
      accounts.find(username).ifPresent(facts -> device(caseId, facts, request.deviceId().get()));
    }
    return opened;
  }

  /** Notes whether the request came from a device the account signed in on: a proof if it did. */
  private void device(CaseId caseId, Account account, String presented) {
    var known = deviceIds.recognise(account, presented);
    var subject = "account:" + account.username();
    if (known.isPresent()) {
      audit.record(
          KNOWN_DEVICE,
          subject,
          Map.of("caseId", caseId.value(), "device", deviceName(known.get())));
      records.event(caseId, "KNOWN_DEVICE", "Sent from " + deviceName(known.get()));
      records.proofSeen(caseId, KNOWN_DEVICE);
    } else {
      audit.record("UNKNOWN_DEVICE", subject, Map.of("caseId", caseId.value()));
      records.event(caseId, "UNKNOWN_DEVICE", "Sent with a device identifier the account lacks");
    }
  }

  private static String deviceName(Account.Device device) {
    return device.browser() == null || device.browser().isBlank()
        ? String.valueOf(device.name())
        : device.name() + " (" + device.browser() + ")";
  }

  /** More cases for one account than the policy allows: a polite refusal, the same for all. */
  public static class TooManyCases extends DeskException {
    private final Duration window;

    TooManyCases(Duration window) {
      super(
          HttpStatus.TOO_MANY_REQUESTS,
          "too-many-cases",
          "Too many recovery requests",
          "Several recovery requests for this account are already open. Please answer the mail"
              + " we sent you, or try again later.");
      this.window = window;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(window);
    }
  }
}
