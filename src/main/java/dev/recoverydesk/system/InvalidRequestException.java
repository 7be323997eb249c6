package dev.recoverydesk.system;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Input that cannot be accepted, with what is wrong field by field. */
public class InvalidRequestException extends DeskException {

  /**
   * @param field the JSON path of the offending value, e.g. {@code devices[0].lastSeen}
   */
  public record FieldError(String field, String message) {}

  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        "Invalid request",
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid.");
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  @Override
  public ProblemDetail problem() {
    var problem = super.problem();
    problem.setProperty("errors", errors);
    return problem;
  }
}
