package dev.recoverydesk.system;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with stable {@code type} URIs: clients branch on the type, never on the
 * human-readable title or detail.
 */
public final class Problems {

  private static final String TYPE_PREFIX = "urn:recovery-desk:problem:";

  private Problems() {}

  public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(type));
    problem.setTitle(title);
    return problem;
  }

  public static URI type(String name) {
    return URI.create(TYPE_PREFIX + name);
  }
}
