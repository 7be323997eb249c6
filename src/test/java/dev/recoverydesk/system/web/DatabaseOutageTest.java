package dev.recoverydesk.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.FilterChain;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.context.request.ServletWebRequest;
import org.thymeleaf.TemplateEngine;

/** A request that meets a database out of reach is answered 503 problem+json, never 500. */
class DatabaseOutageTest {

  private final ProblemHandler handler = new ProblemHandler(new TemplateEngine());
  private final ServletWebRequest api =
      new ServletWebRequest(new MockHttpServletRequest("POST", "/api/recovery-requests"));

  @Test
  void no_connection_from_the_pool_is_503_with_retry_after() {
    var failure =
        new CannotCreateTransactionException(
            "Could not open JPA EntityManager for transaction",
            new SQLTransientConnectionException("Connection is not available, request timed out"));

    var answer = handler.databaseOutage(failure, api);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    assertThat(((ProblemDetail) answer.getBody()).getType().toString())
        .isEqualTo("urn:recovery-desk:problem:unavailable");
  }

  @Test
  void a_connection_ended_by_a_restarting_server_under_the_engine_is_an_outage() {
    var terminated =
        new SQLException("terminating connection due to administrator command", "57P01");
    var failure =
        new ProcessEngineException(
            "Could not start the process", new PersistenceException("flush failed", terminated));

    assertThat(DatabaseOutage.caused(failure)).isTrue();
    // The rollback that follows, on the connection the pool has evicted, replaces that failure.
    assertThat(
            DatabaseOutage.caused(
                new JpaSystemException(
                    new RuntimeException(
                        "Unable to rollback against JDBC Connection",
                        new SQLException("Connection is closed")))))
        .isTrue();
    assertThat(handler.databaseOutage(failure, api).getStatusCode().value()).isEqualTo(503);
    assertThat(
            EngineRestRefusals.answer(new ProcessEngineException("wrapped", failure)).getStatus())
        .isEqualTo(503);
  }

  @Test
  void a_sign_in_that_cannot_reach_the_database_is_503_too() throws Exception {
    var filter = new DatabaseOutageFilter(Jackson2ObjectMapperBuilder.json().build());
    var response = new MockHttpServletResponse();
    FilterChain identityServiceDown =
        (request, answer) -> {
          throw new ProcessEngineException(
              "An exception occurred in the persistence layer",
              new SQLTransientConnectionException("Connection is not available"));
        };

    filter.doFilter(
        new MockHttpServletRequest("GET", "/api/recovery-cases/RC-ABC234"),
        response,
        identityServiceDown);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getContentAsString()).contains("urn:recovery-desk:problem:unavailable");
  }

  @Test
  void other_database_failures_are_not_hidden_as_an_outage() {
    var duplicate =
        new DataIntegrityViolationException(
            "duplicate key", new SQLException("duplicate key value", "23505"));

    assertThat(DatabaseOutage.caused(duplicate)).isFalse();
    assertThatThrownBy(() -> handler.databaseOutage(duplicate, api)).isSameAs(duplicate);
    assertThat(DatabaseOutage.caused(new ProcessEngineException("no such task"))).isFalse();
  }
}
