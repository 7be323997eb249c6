package dev.recoverydesk.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.system.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Closes Camunda Admin's setup page and the call behind it ({@code POST
 * /camunda/api/admin/setup/{engine}/user/create}), in every profile. Camunda offers it to anyone
 * while no user is in {@code camunda-admin}, so the first visitor of a fresh desk, or of one whose
 * last administrator was removed, would become its administrator. The desk makes its administrators
 * itself: the demo users, or {@code RECOVERY_ADMIN_USERNAME} and {@code RECOVERY_ADMIN_PASSWORD}
 * (see {@code FirstAdministrator}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class AdminSetupClosed {

  @Bean
  @Order(0)
  SecurityFilterChain adminSetupChain(
      HttpSecurity http, ObjectMapper objectMapper, CamundaBpmProperties camunda) throws Exception {
    var root = camunda.getWebapp().getApplicationPath();
    var problem =
        Problems.of(
            HttpStatus.FORBIDDEN,
            "setup-closed",
            "Setup closed",
            "Administrators are not created here. The first one comes from"
                + " RECOVERY_ADMIN_USERNAME and RECOVERY_ADMIN_PASSWORD; others are added in Admin.");
    Refusal refuse =
        response -> {
          response.setStatus(HttpStatus.FORBIDDEN.value());
          response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
          objectMapper.writeValue(response.getOutputStream(), problem);
        };
    http.securityMatcher(
            new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher(root + "/api/admin/setup/**"),
                PathPatternRequestMatcher.withDefaults().matcher(root + "/app/admin/*/setup/**")))
        .authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
        // Signed in or not, with a token or not: the answer is the same refusal.
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint((request, response, e) -> refuse.write(response))
                    .accessDeniedHandler((request, response, e) -> refuse.write(response)))
        .requestCache(cache -> cache.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  private interface Refusal {
    void write(HttpServletResponse response) throws IOException;
  }
}
