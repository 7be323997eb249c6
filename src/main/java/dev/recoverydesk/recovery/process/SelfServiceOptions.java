package dev.recoverydesk.recovery.process;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.SelfServicePolicy;
import dev.recoverydesk.twofactor.BackupCodes;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * What a locked-out user can still try alone, from the account's facts and the seed's rules (the
 * {@code self-service-options} decision table). Mail to an address that is not the registered one
 * gets every option of the path, so that nothing about the account leaks to whoever wrote in.
 */
@Component
class SelfServiceOptions {

  private final DecisionService decisions;
  private final AccountDirectory accounts;
  private final BackupCodes backupCodes;
  private final SelfServicePolicy policy;
  private final Clock clock;

  SelfServiceOptions(
      DecisionService decisions,
      AccountDirectory accounts,
      BackupCodes backupCodes,
      SelfServicePolicy policy,
      Clock clock) {
    this.decisions = decisions;
    this.accounts = accounts;
    this.backupCodes = backupCodes;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * @param path the called process: {@code lost-backup-codes}, {@code lost-phone} or {@code
   *     sms-not-delivered}
   * @return the options in the table's order; empty when only support can help
   */
  List<String> of(String path, RecoveryCase recoveryCase) {
    var account = accounts.find(recoveryCase.username());
    boolean registered =
        account.isPresent() && account.get().email().equals(recoveryCase.contactEmail());
    var facts = Variables.putValue("path", path).putValue("registeredAddress", registered);
    var twoFactor =
        account.map(Account::twoFactor).orElse(new Account.TwoFactor(false, false, false));
    var since = clock.instant().minus(policy.signedInWithin());
    var recent =
        account.map(Account::devices).orElse(List.of()).stream()
            .filter(device -> device.lastSeen() != null && device.lastSeen().isAfter(since))
            .toList();
    facts
        .putValue(
            "unusedBackupCodes",
            account.isPresent()
                && backupCodes
                    .status(recoveryCase.username())
                    .filter(set -> set.status().equals("ACTIVE") && set.remaining() > 0)
                    .isPresent())
        .putValue("anyFactor", twoFactor.sms() || twoFactor.totp() || twoFactor.push())
        .putValue("smsOnly", twoFactor.sms() && !twoFactor.totp() && !twoFactor.push())
        .putValue("authenticatorApp", twoFactor.totp() || twoFactor.push())
        .putValue("signedInOnWeb", recent.stream().anyMatch(SelfServiceOptions::inABrowser))
        .putValue("signedInSomewhere", !recent.isEmpty());
    return decisions
        .evaluateDecisionTableByKey("self-service-options", facts)
        .collectEntries("option");
  }

  /** A browser session, not one of the service's own apps ("X for Android"). */
  private static boolean inABrowser(Account.Device device) {
    var browser = device.browser() == null ? "" : device.browser().trim();
    return !browser.isEmpty() && !browser.toLowerCase(Locale.ROOT).matches("^(x|twitter) for .*");
  }
}
