package dev.recoverydesk.system.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.system.DeskGroups;
import dev.recoverydesk.system.PublicEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two doors. The APIs ({@code /engine-rest}, {@code /api}, {@code /actuator}) take HTTP Basic
 * against Camunda's users, keep no session and answer problem+json. Everything else is the Camunda
 * webapps, which run their own login and CSRF protection, and the user-facing pages.
 */
@Configuration
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      IdentityService identityService,
      ObjectMapper objectMapper,
      List<PublicEndpoint> publicEndpoints)
      throws Exception {
    var problems = new ProblemAuthenticationEntryPoint(objectMapper);
    var open = new ArrayList<RequestMatcher>();
    for (PublicEndpoint endpoint : publicEndpoints) {
      open.add(
          PathPatternRequestMatcher.withDefaults().matcher(endpoint.method(), endpoint.pattern()));
    }
    // Path patterns, not MVC matchers: the engine REST API is a Jersey servlet, not Spring MVC.
    http.securityMatcher(paths("/engine-rest/**", "/api/**", "/actuator/**"))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(paths("/actuator/health", "/actuator/health/**"))
                    .permitAll()
                    .requestMatchers(open.isEmpty() ? request -> false : new OrRequestMatcher(open))
                    .permitAll()
                    .requestMatchers(paths("/actuator/prometheus"))
                    .hasAnyRole(DeskGroups.ADMINS, DeskGroups.MONITORING)
                    .requestMatchers(paths("/actuator/**"))
                    .hasRole(DeskGroups.ADMINS)
                    .anyRequest()
                    .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .exceptionHandling(
            errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Basic-auth calls carry no ambient credentials a forged page could use.
        .csrf(csrf -> csrf.disable())
        .addFilterAfter(new EngineIdentityFilter(identityService), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        // The Camunda webapps check their own CSRF token on every write.
        .csrf(csrf -> csrf.ignoringRequestMatchers(paths("/camunda/**")))
        .headers(headers -> headers.frameOptions(frames -> frames.sameOrigin()));
    return http.build();
  }

  private static RequestMatcher paths(String... patterns) {
    var matchers = new ArrayList<RequestMatcher>();
    for (String pattern : patterns) {
      matchers.add(PathPatternRequestMatcher.withDefaults().matcher(pattern));
    }
    return new OrRequestMatcher(matchers);
  }
}
