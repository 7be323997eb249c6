package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Notes whether a request came from a device the account signed in on: a proof of the case if it
 * did, a note on its timeline either way. Only the device id the desk set in its own cookie counts.
 */
@Component
class RequestDevice {

  private final DeviceIds deviceIds;
  private final CaseRecords records;
  private final AuditLog audit;

  RequestDevice(DeviceIds deviceIds, CaseRecords records, AuditLog audit) {
    this.deviceIds = deviceIds;
    this.records = records;
    this.audit = audit;
  }

  void note(CaseId caseId, Account account, String presented) {
    var known = deviceIds.recognise(account, presented);
    var subject = "account:" + account.username();
    if (known.isPresent()) {
      audit.record(
          CaseIntake.KNOWN_DEVICE,
          subject,
          Map.of("caseId", caseId.value(), "device", deviceName(known.get())));
      records.event(caseId, CaseEventKind.KNOWN_DEVICE, "Sent from " + deviceName(known.get()));
      records.proofSeen(caseId, CaseIntake.KNOWN_DEVICE);
    } else {
      audit.record("UNKNOWN_DEVICE", subject, Map.of("caseId", caseId.value()));
      records.event(
          caseId, CaseEventKind.UNKNOWN_DEVICE, "Sent with a device identifier the account lacks");
    }
  }

  private static String deviceName(Account.Device device) {
    return device.browser() == null || device.browser().isBlank()
        ? String.valueOf(device.name())
        : device.name() + " (" + device.browser() + ")";
  }
}
