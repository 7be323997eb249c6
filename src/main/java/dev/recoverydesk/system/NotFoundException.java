package dev.recoverydesk.system;

import org.springframework.http.HttpStatus;

/** Something the caller may know about does not exist. */
public class NotFoundException extends DeskException {

  public NotFoundException(String what) {
    super(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " does not exist.");
  }
}
