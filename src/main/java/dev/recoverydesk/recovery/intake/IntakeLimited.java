package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.system.DeskException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A request to open a case that one of the intake limits refuses: {@code 429} with {@code
 * Retry-After}, and the same answer whether or not the username names an account. Nothing was
 * opened and no mail was sent.
 */
public class IntakeLimited extends DeskException {

  /** Which budget the request would exceed; each has a stable problem type. */
  public enum Limit {
    ACCOUNT(
        "too-many-cases",
        "Too many recovery requests",
        "Several recovery requests for this account are already open. Please answer the mail"
            + " we sent you, or try again later."),
    CONTACT(
        "too-many-requests-for-contact",
        "Too many recovery requests for this address",
        "Several recovery requests were sent to this contact address recently. Please answer the"
            + " mail we sent there, or try again later."),
    CLIENT(
        "too-many-requests",
        "Too many recovery requests",
        "Too many recovery requests came from your network. Please try again later.");

    private final String type;
    private final String title;
    private final String detail;

    Limit(String type, String title, String detail) {
      this.type = type;
      this.title = title;
      this.detail = detail;
    }
  }

  private final Limit limit;
  private final Duration retryAfter;

  IntakeLimited(Limit limit, Duration retryAfter) {
    super(HttpStatus.TOO_MANY_REQUESTS, limit.type, limit.title, limit.detail);
    this.limit = limit;
    this.retryAfter = wholeSeconds(retryAfter);
  }

  public Limit limit() {
    return limit;
  }

  /** Whole seconds, rounded up and at least one: a client that waits that long may try again. */
  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(retryAfter);
  }

  private static Duration wholeSeconds(Duration wait) {
    var seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }
}
