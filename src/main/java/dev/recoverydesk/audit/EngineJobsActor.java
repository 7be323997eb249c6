package dev.recoverydesk.audit;

import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration.JobConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The engine's job executor works for no one signed in: what its jobs record in the audit log (the
 * reset once the hold is over, a case expiring, a reminder) is the desk's own doing, {@code system}
 * — not an anonymous visitor's. An agent's task completion or a mail's reply that moves a case on
 * its own thread keeps its own actor.
 */
@Component
class EngineJobsActor implements BeanPostProcessor {

  @Override
  public Object postProcessBeforeInitialization(Object bean, String name) {
    if (JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER.equals(name)
        && bean instanceof ThreadPoolTaskExecutor pool) {
      pool.setTaskDecorator(EngineJobsActor::asSystem);
    }
    return bean;
  }

  private static Runnable asSystem(Runnable jobs) {
    return () -> {
      try (var actor = AuditActor.system()) {
        jobs.run();
      }
    };
  }
}
