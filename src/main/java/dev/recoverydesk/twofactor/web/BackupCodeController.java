package dev.recoverydesk.twofactor.web;

import dev.recoverydesk.system.DeskException;
import dev.recoverydesk.system.InvalidRequestException;
import dev.recoverydesk.system.NotFoundException;
import dev.recoverydesk.system.PublicEndpoint;
import dev.recoverydesk.twofactor.BackupCodes;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backup codes over HTTP. Issuing stands for the user creating a set while signed in (an
 * administrator here); checking is public, as a login page's is, and answers every failure alike.
 */
@RestController
@RequestMapping("/api/accounts/{username}/backup-codes")
class BackupCodeController {

  private final BackupCodes backupCodes;

  BackupCodeController(BackupCodes backupCodes) {
    this.backupCodes = backupCodes;
  }

  record IssuedCodes(List<String> codes) {}

  record CodeCheck(String code) {}

  record Valid(boolean valid, int remaining) {}

  @PostMapping
  @PreAuthorize("hasRole('camunda-admin')")
  ResponseEntity<IssuedCodes> issue(@PathVariable String username) {
    var codes = backupCodes.issue(username);
    return ResponseEntity.status(HttpStatus.CREATED)
        .cacheControl(CacheControl.noStore())
        .body(new IssuedCodes(codes));
  }

  @PostMapping("/verify")
  ResponseEntity<Valid> verify(
      @PathVariable String username, @RequestBody(required = false) CodeCheck check) {
    if (check == null || check.code() == null) {
      throw new InvalidRequestException("code", "is required");
    }
    var result = backupCodes.verify(username, check.code());
    if (result instanceof BackupCodes.Accepted accepted) {
      return ResponseEntity.ok()
          .cacheControl(CacheControl.noStore())
          .body(new Valid(true, accepted.remaining()));
    }
    if (result instanceof BackupCodes.LockedOut locked) {
      throw new TooManyAttempts(locked.retryAfter());
    }
    throw new InvalidCode();
  }

  @GetMapping
  @PreAuthorize("hasAnyRole('support-agents', 'camunda-admin')")
  BackupCodes.SetStatus status(@PathVariable String username) {
    return backupCodes
        .status(username)
        .orElseThrow(() -> new NotFoundException("A backup code set for " + username));
  }

  /**
   * The same bytes for every refused code, whatever the reason (recorded for agents instead) and
   * whoever the account: not even the request path is echoed.
   */
  static class InvalidCode extends DeskException {
    InvalidCode() {
      super(
          HttpStatus.UNAUTHORIZED,
          "invalid-backup-code",
          "Invalid backup code",
          "This backup code cannot be used.");
    }

    @Override
    public ProblemDetail problem() {
      return anonymous(super.problem());
    }
  }

  private static ProblemDetail anonymous(ProblemDetail problem) {
    problem.setInstance(CHECK);
    return problem;
  }

  private static final URI CHECK = URI.create("urn:recovery-desk:backup-code-check");

  static class TooManyAttempts extends DeskException {
    private final Duration retryAfter;

    TooManyAttempts(Duration retryAfter) {
      super(
          HttpStatus.TOO_MANY_REQUESTS,
          "too-many-attempts",
          "Too many attempts",
          "Too many failed attempts. Try again later.");
      this.retryAfter = retryAfter;
    }

    @Override
    public ProblemDetail problem() {
      return anonymous(super.problem());
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(retryAfter.isNegative() ? Duration.ZERO : retryAfter.plusSeconds(1));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Endpoints {
    @Bean
    PublicEndpoint backupCodeCheck() {
      return new PublicEndpoint(HttpMethod.POST, "/api/accounts/*/backup-codes/verify");
    }
  }
}
