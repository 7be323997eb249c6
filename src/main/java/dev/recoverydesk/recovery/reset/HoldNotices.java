package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.UserTime;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.ResetPolicy;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.system.DeskProperties;
import dev.recoverydesk.twofactor.SmsGateway;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * When a reset is approved, everyone who might be the real owner hears of it before anything
 * changes: every address on file gets a notice with its own cancel link (and may reply CANCEL), and
 * the phone on file gets a text.
 */
@Component
public class HoldNotices {

  private final CaseRecords records;
  private final AccountDirectory accounts;
  private final OneTimeLinks links;
  private final Mailer mailer;
  private final SmsGateway sms;
  private final ResetPolicy policy;
  private final DeskProperties desk;
  private final java.time.Clock clock;

  HoldNotices(
      CaseRecords records,
      AccountDirectory accounts,
      OneTimeLinks links,
      Mailer mailer,
      SmsGateway sms,
      ResetPolicy policy,
      DeskProperties desk,
      java.time.Clock clock) {
    this.records = records;
    this.accounts = accounts;
    this.links = links;
    this.mailer = mailer;
    this.sms = sms;
    this.policy = policy;
    this.desk = desk;
    this.clock = clock;
  }

  /**
   * The addresses on file, as the contract defines them: the registered one and the contact
   * address. The case's notices go to them, and a CANCEL reply counts from them.
   */
  public Set<EmailAddress> addressesOnFile(RecoveryCase recoveryCase) {
    return addressesOnFile(recoveryCase, accounts.contact(recoveryCase.username()));
  }

  private static Set<EmailAddress> addressesOnFile(
      RecoveryCase recoveryCase, Optional<Account.Contact> account) {
    var addresses = new LinkedHashSet<EmailAddress>();
    account.ifPresent(found -> addresses.add(found.email()));
    addresses.add(recoveryCase.contactEmail());
    return addresses;
  }

  public void send(RecoveryCase recoveryCase) {
    var language = recoveryCase.language();
    var account = accounts.contact(recoveryCase.username());
    var zone = UserTime.zone(language, account.flatMap(Account.Contact::ownZone));
    var resetAt = UserTime.format(clock.instant().plus(policy.holdPeriod()), zone);
    for (EmailAddress address : addressesOnFile(recoveryCase, account)) {
      var token =
          links.create(
              recoveryCase.caseId(),
              recoveryCase.username(),
              OneTimeLinks.Purpose.CANCEL,
              policy.holdPeriod().plusDays(1));
      mailer.send(
          OutboundMail.aboutCase(
              recoveryCase.caseId(),
              address,
              "reset-hold",
              language.locale(),
              Map.of(
                  "username",
                  recoveryCase.username(),
                  "resetAt",
                  resetAt,
                  "cancelLink",
                  desk.publicBaseUrl() + "/recovery/cancel/" + token)));
    }
    account
        .flatMap(Account.Contact::phoneNumber)
        .ifPresent(
            phone ->
                sms.send(
                    phone,
                    "reset-hold",
                    language,
                    Map.of("username", recoveryCase.username(), "resetAt", resetAt)));
    records.event(recoveryCase.caseId(), CaseEventKind.HOLD_NOTICES_SENT, "until " + resetAt);
  }

  /** Whether the case is in its hold, the only time a CANCEL counts. */
  public boolean inHold(RecoveryCase recoveryCase) {
    return recoveryCase.status() == CaseStatus.RESET_PENDING;
  }
}
