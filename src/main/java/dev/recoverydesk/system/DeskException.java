package dev.recoverydesk.system;

import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A failure the caller should hear about, with its HTTP status and a stable problem type. Modules
 * throw subclasses; one handler turns them into {@code application/problem+json}.
 */
public abstract class DeskException extends RuntimeException {

  private final HttpStatus status;
  private final String type;
  private final String title;

  protected DeskException(HttpStatus status, String type, String title, String detail) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
  }

  public ProblemDetail problem() {
    return Problems.of(status, type, title, getMessage());
  }

  public HttpStatus status() {
    return status;
  }

  /** When the same call may succeed again; sent as {@code Retry-After}. */
  public Optional<Duration> retryAfter() {
    return Optional.empty();
  }
}
