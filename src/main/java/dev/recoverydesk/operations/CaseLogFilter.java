package dev.recoverydesk.operations;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.CaseLogging;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A web request that names a case ({@code /api/recovery-cases/RC-7K3M9Q}, an engine REST query by
 * business key) is handled with the case in the logging context, security checks included. Only the
 * case id is taken from the request: nothing else of its path or query reaches the logs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CaseLogFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var named =
        CaseId.findIn(request.getRequestURI()).or(() -> CaseId.findIn(request.getQueryString()));
    if (named.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    try (var logging = CaseLogging.about(named.get())) {
      chain.doFilter(request, response);
    }
  }
}
