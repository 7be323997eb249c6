package dev.recoverydesk.system.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.recoverydesk.system.DeskException;
import dev.recoverydesk.system.InvalidRequestException;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The one place where failures become {@code application/problem+json}. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(DeskException.class)
  ResponseEntity<ProblemDetail> desk(DeskException failure) {
    var problem = failure.problem();
    var response = ResponseEntity.status(failure.status());
    failure
        .retryAfter()
        .ifPresent(
            wait -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds())));
    return response.body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException failure,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var field = "body";
    var message = "is not valid JSON of the expected shape";
    if (failure.getCause() instanceof JsonMappingException mapping
        && !mapping.getPath().isEmpty()) {
      field = path(mapping);
      message = "has the wrong type or format";
    }
    return ResponseEntity.badRequest().body(new InvalidRequestException(field, message).problem());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException failure,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var errors =
        failure.getBindingResult().getFieldErrors().stream()
            .map(
                error ->
                    new InvalidRequestException.FieldError(
                        error.getField(), String.valueOf(error.getDefaultMessage())))
            .toList();
    return ResponseEntity.badRequest().body(new InvalidRequestException(errors).problem());
  }

  private static String path(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(
            reference ->
                reference.getFieldName() != null
                    ? "." + reference.getFieldName()
                    : "[" + reference.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }
}
