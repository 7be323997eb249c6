package dev.recoverydesk.system.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recoverydesk.common.Language;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The agent's language for the forms of Tasklist: when Tasklist loads a task's form variables, the
 * desk adds {@code agentLanguage} ({@code ja} or {@code en}), from the language the browser asks
 * for first, the one Tasklist itself is shown in. The review forms pick their labels by it. It
 * exists only in that response, for the person reading: nothing is stored, and the forms submit
 * only their own fields.
 */
@Component
class TasklistFormLanguage extends OncePerRequestFilter {

  /** The form variable the forms' labels read. */
  static final String VARIABLE = "agentLanguage";

  private static final Pattern FORM_VARIABLES =
      Pattern.compile("/camunda/api/engine/engine/[^/]+/task/[^/]+/form-variables");

  private final ObjectMapper json;

  TasklistFormLanguage(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    var path = request.getRequestURI().substring(request.getContextPath().length());
    return !"GET".equals(request.getMethod()) || !FORM_VARIABLES.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var wrapper = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, wrapper);
    if (wrapper.getStatus() == 200
        && json.readTree(wrapper.getContentAsByteArray()) instanceof ObjectNode variables) {
      var language = variables.putObject(VARIABLE);
      language.put("type", "String");
      language.put("value", agentLanguage(request).tag());
      language.putObject("valueInfo");
      wrapper.resetBuffer();
      wrapper.getOutputStream().write(json.writeValueAsBytes(variables));
    }
    wrapper.copyBodyToResponse();
  }

  /** Japanese when the browser asks for it first, as Tasklist's own choice of locale does. */
  static Language agentLanguage(HttpServletRequest request) {
    return request.getHeader("Accept-Language") != null
        ? Language.of(request.getLocale())
        : Language.EN;
  }
}
