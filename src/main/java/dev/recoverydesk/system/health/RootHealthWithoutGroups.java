package dev.recoverydesk.system.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.endpoint.jackson.EndpointObjectMapper;
import org.springframework.boot.actuate.health.SystemHealth;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code GET /actuator/health} as the contract has it, {@code {"status":"UP"}}: with the
 * liveness and readiness groups defined, Spring Boot would list their names beside the status. The
 * groups still answer at {@code /actuator/health/liveness} and {@code /actuator/health/readiness}.
 */
@Component
class RootHealthWithoutGroups implements BeanPostProcessor {

  @JsonIgnoreProperties("groups")
  private interface WithoutGroups {}

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (bean instanceof EndpointObjectMapper endpointJson) {
      endpointJson.get().addMixIn(SystemHealth.class, WithoutGroups.class);
    }
    return bean;
  }
}
