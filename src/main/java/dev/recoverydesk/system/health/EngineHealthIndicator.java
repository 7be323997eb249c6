package dev.recoverydesk.system.health;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * UP when the process engine answers a query through its own command stack (and so through its own
 * connection to the database), not merely when the engine object exists.
 */
@Component("engineHealthIndicator")
class EngineHealthIndicator extends AbstractHealthIndicator {

  private final ProcessEngine engine;

  EngineHealthIndicator(ProcessEngine engine) {
    super("Process engine health check failed");
    this.engine = engine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    var properties = engine.getManagementService().getProperties();
    builder
        .up()
        .withDetail("name", engine.getName())
        .withDetail("schemaVersion", properties.getOrDefault("schema.version", "unknown"));
  }
}
