package dev.recoverydesk.account.web;

import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.audit.AuditEntry;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.system.InvalidRequestException;
import dev.recoverydesk.system.NotFoundException;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The account directory over HTTP: administrators write, agents read masked. */
@RestController
@RequestMapping("/api/accounts")
class AccountController {

  private final AccountDirectory directory;
  private final DeviceIds deviceIds;
  private final AuditLog audit;
  private final Clock clock;

  AccountController(AccountDirectory directory, DeviceIds deviceIds, AuditLog audit, Clock clock) {
    this.directory = directory;
    this.deviceIds = deviceIds;
    this.audit = audit;
    this.clock = clock;
  }

  @PostMapping
  @PreAuthorize("hasRole('camunda-admin')")
  ResponseEntity<AccountViews.View> save(@RequestBody(required = false) AccountRequest request) {
    if (request == null) {
      throw new InvalidRequestException("body", "is required");
    }
    var account = request.toAccount(LocalDate.now(clock), deviceIds);
    boolean created = directory.save(account);
    audit.record(
        created ? "ACCOUNT_CREATED" : "ACCOUNT_REPLACED",
        "account:" + account.username(),
        Map.of(
            "sms", account.twoFactor().sms(),
            "totp", account.twoFactor().totp(),
            "push", account.twoFactor().push()));
    var body = AccountViews.full(account);
    return created
        ? ResponseEntity.created(URI.create("/api/accounts/" + account.username())).body(body)
        : ResponseEntity.ok(body);
  }

  @GetMapping("/{username}")
  @PreAuthorize("hasAnyRole('support-agents', 'camunda-admin')")
  AccountViews.View masked(@PathVariable String username) {
    return directory
        .find(username)
        .map(AccountViews::masked)
        .orElseThrow(() -> new NotFoundException("Account " + username));
  }

  @GetMapping("/{username}/audit")
  @PreAuthorize("hasAnyRole('support-agents', 'camunda-admin')")
  List<AuditEntry> audit(@PathVariable String username) {
    var account =
        directory.find(username).orElseThrow(() -> new NotFoundException("Account " + username));
    return audit.about("account:" + account.username(), 100);
  }
}
