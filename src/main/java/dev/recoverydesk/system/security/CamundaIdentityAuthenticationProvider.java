package dev.recoverydesk.system.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic credentials against Camunda's identity service, so that agents use one login
 * for Tasklist, the engine REST API and our own API. Each Camunda group becomes a role of the same
 * name ({@code hasRole("support-agents")}).
 *
 * <p>Camunda throttles and locks accounts after repeated failures ({@code loginMaxAttempts}), so
 * guessing passwords here is as slow as on the Tasklist login page.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;

  CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    var userId = authentication.getName();
    var password = authentication.getCredentials();
    if (userId == null || userId.isBlank() || !(password instanceof String secret)) {
      throw new BadCredentialsException("Bad credentials");
    }
    if (!identityService.checkPassword(userId, secret)) {
      throw new BadCredentialsException("Bad credentials");
    }
    var roles =
        identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .map(group -> new SimpleGrantedAuthority("ROLE_" + group))
            .toList();
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, roles);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
