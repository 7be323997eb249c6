package dev.recoverydesk.system.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import dev.recoverydesk.system.DeskException;
import dev.recoverydesk.system.InvalidRequestException;
import jakarta.persistence.PersistenceException;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The one place where failures become {@code application/problem+json}; a person's browser on a
 * page (not the API) gets the same answer as a short page in Japanese and English.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private final TemplateEngine pages;

  ProblemHandler(TemplateEngine pages) {
    this.pages = pages;
  }

  @ExceptionHandler(DeskException.class)
  ResponseEntity<Object> desk(DeskException failure, WebRequest request) {
    var problem = failure.problem();
    var response = ResponseEntity.status(failure.status());
    failure
        .retryAfter()
        .ifPresent(
            wait -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds())));
    if (wantsPage(request)) {
      return response.contentType(MediaType.TEXT_HTML).body(page(problem));
    }
    return response.body(problem);
  }

  /**
   * The database out of reach: {@code 503} with {@code Retry-After}; any other failure of these
   * kinds goes on as before.
   */
  @ExceptionHandler({
    DataAccessException.class,
    TransactionException.class,
    ProcessEngineException.class,
    PersistenceException.class
  })
  ResponseEntity<Object> databaseOutage(RuntimeException failure, WebRequest request) {
    if (!DatabaseOutage.caused(failure)) {
      throw failure;
    }
    var problem = DatabaseOutage.problem();
    var response =
        ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseOutage.RETRY_AFTER.toSeconds()));
    if (wantsPage(request)) {
      return response.contentType(MediaType.TEXT_HTML).body(page(problem));
    }
    return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception failure,
      Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var answer = super.handleExceptionInternal(failure, body, headers, status, request);
    if (answer != null && answer.getBody() instanceof ProblemDetail problem && wantsPage(request)) {
      return ResponseEntity.status(answer.getStatusCode())
          .contentType(MediaType.TEXT_HTML)
          .body(page(problem));
    }
    return answer;
  }

  /** A browser asking for a page outside the APIs. */
  private static boolean wantsPage(WebRequest request) {
    if (!(request instanceof ServletWebRequest servlet)) {
      return false;
    }
    var path = servlet.getRequest().getRequestURI();
    if (path.startsWith("/api/")
        || path.startsWith("/engine-rest")
        || path.startsWith("/actuator")) {
      return false;
    }
    var accept = servlet.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
  }

  private String page(ProblemDetail problem) {
    var context = new Context();
    context.setVariable("status", problem.getStatus());
    context.setVariable("title", problem.getTitle());
    context.setVariable("detail", problem.getDetail());
    return pages.process("error", context);
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
