package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.system.InvalidRequestException;
import dev.recoverydesk.system.InvalidRequestException.FieldError;
import dev.recoverydesk.system.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/recovery-requests}: anyone locked out opens a case. The answer is the same
 * {@code 202} whether or not the username names an account, and the same {@code 429} when a limit
 * refuses it.
 */
@RestController
class RecoveryRequestController {

  private final CaseIntake intake;

  RecoveryRequestController(CaseIntake intake) {
    this.intake = intake;
  }

  /**
   * The contract's fields, and {@code deviceId}: the platform's identifier of the device the user
   * asks from (its device cookie), when the platform's sign-in page opens the request.
   */
  record RecoveryRequest(
      String username,
      String contactEmail,
      String problem,
      String description,
      String locale,
      String deviceId) {}

  record Accepted(String caseId, String status) {}

  @PostMapping("/api/recovery-requests")
  ResponseEntity<Accepted> open(
      @RequestBody(required = false) RecoveryRequest request, HttpServletRequest http) {
    if (request == null) {
      throw new InvalidRequestException("body", "is required");
    }
    var opened = intake.open(checked(request, IntakeLimits.clientOf(http)));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new Accepted(opened.caseId().value(), opened.status().name()));
  }

  private static CaseIntake.Request checked(RecoveryRequest request, String client) {
    var errors = new ArrayList<FieldError>();
    if (Usernames.canonical(request.username()).isEmpty()) {
      errors.add(new FieldError("username", "must be 1 to 30 letters, digits or underscores"));
    }
    var contact = EmailAddress.parseReachable(request.contactEmail());
    if (contact.isEmpty()) {
      errors.add(
          new FieldError("contactEmail", "must be one whole email address, like name@example.com"));
    }
    Optional<Problem> problem = Optional.empty();
    if (request.problem() != null && !request.problem().isBlank()) {
      try {
        problem = Optional.of(Problem.valueOf(request.problem().strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException unknown) {
        errors.add(
            new FieldError(
                "problem", "must be LOST_BACKUP_CODES, LOST_PHONE, SMS_NOT_DELIVERED or OTHER"));
      }
    }
    if (request.description() != null && request.description().length() > 5000) {
      errors.add(new FieldError("description", "must be at most 5000 characters"));
    }
    Optional<Language> language = Optional.empty();
    if (request.locale() != null && !request.locale().isBlank()) {
      language = Language.ofLocaleTag(request.locale());
      if (language.isEmpty()) {
        errors.add(new FieldError("locale", "must be ja or en"));
      }
    }
    if (request.deviceId() != null && !DeviceIds.wellFormed(request.deviceId())) {
      errors.add(new FieldError("deviceId", "must be 16 to 200 visible ASCII characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new CaseIntake.Request(
        request.username(),
        contact.get(),
        problem,
        request.description(),
        language,
        "REST",
        Optional.ofNullable(request.deviceId()),
        Optional.of(client));
  }

  @Configuration(proxyBeanMethods = false)
  static class Endpoints {
    @Bean
    PublicEndpoint recoveryRequests() {
      return new PublicEndpoint(HttpMethod.POST, "/api/recovery-requests");
    }
  }
}
