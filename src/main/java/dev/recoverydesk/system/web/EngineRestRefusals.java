package dev.recoverydesk.system.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * The engine REST API answers a refusal by the desk's own rules as one: a task listener that
 * refuses a completion (no decision chosen, four-eyes) throws {@link BadUserRequestException} or
 * {@link AuthorizationException}, which the engine wraps as a listener failure and the REST API
 * would answer {@code 500}. Unwrapped here, the caller gets {@code 400} or {@code 403} with the
 * rule's own message. A database out of reach is {@code 503} with {@code Retry-After}, in the
 * engine REST API's own error shape. Anything else is answered as the engine REST API always does.
 */
@Component
class EngineRestRefusals implements ResourceConfigCustomizer {

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(new WrappedRestRefusals());
    config.register(new WrappedEngineRefusals());
  }

  static Response answer(Throwable thrown) {
    if (DatabaseOutage.caused(thrown)) {
      var body = new LinkedHashMap<String, Object>();
      body.put("type", "DatabaseUnavailable");
      body.put("message", DatabaseOutage.problem().getDetail());
      body.put("code", null);
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .header("Retry-After", DatabaseOutage.RETRY_AFTER.toSeconds())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(body)
          .build();
    }
    for (var cause = thrown.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException || cause instanceof BadUserRequestException) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", cause.getClass().getSimpleName());
        body.put("message", cause.getMessage());
        body.put("code", null);
        return Response.status(
                cause instanceof AuthorizationException
                    ? Response.Status.FORBIDDEN
                    : Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(body)
            .build();
      }
    }
    return ExceptionHandlerHelper.getInstance().getResponse(thrown);
  }

  @Priority(1)
  static class WrappedRestRefusals implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      return answer(exception);
    }
  }

  @Priority(1)
  static class WrappedEngineRefusals implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return answer(exception);
    }
  }
}
