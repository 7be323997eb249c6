package dev.recoverydesk.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration.JobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * What the engine's job executor does is the desk's own doing. The shared test desk runs jobs by
 * hand, so this starts the Camunda starter's job configuration beside the desk's post processor,
 * and builds pools the way the starter does.
 */
class EngineJobsActorTest extends IntegrationTest {

  @Autowired AuditLog audit;

  @Test
  void the_starters_own_job_executor_pool_acts_as_the_system() {
    new ApplicationContextRunner()
        .withBean(CamundaBpmProperties.class)
        .withUserConfiguration(JobConfiguration.class, EngineJobsActor.class)
        .run(
            context -> {
              var pool =
                  context.getBean(
                      JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER, TaskExecutor.class);
              var actor = new CompletableFuture<Optional<String>>();
              pool.execute(() -> actor.complete(AuditActor.current()));
              assertThat(actor.get(10, TimeUnit.SECONDS)).hasValue("system");
            });
  }

  @Test
  void the_job_executors_threads_act_as_the_system() throws Exception {
    var subject = "case:jobs_" + UUID.randomUUID().toString().substring(0, 8);
    var pool = pool(JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER);
    try {
      runOn(pool, () -> audit.record("CASE_EXPIRED", subject, Map.of()));
    } finally {
      pool.shutdown();
    }

    assertThat(actors(subject)).containsExactly("system");
  }

  @Test
  void other_executors_are_left_alone() throws Exception {
    var subject = "case:other_" + UUID.randomUUID().toString().substring(0, 8);
    var pool = pool("someOtherExecutor");
    try {
      runOn(pool, () -> audit.record("CASE_EXPIRED", subject, Map.of()));
    } finally {
      pool.shutdown();
    }

    assertThat(actors(subject)).containsExactly("anonymous");
  }

  private static ThreadPoolTaskExecutor pool(String beanName) {
    var pool =
        (ThreadPoolTaskExecutor) JobConfiguration.camundaTaskExecutor(new CamundaBpmProperties());
    new EngineJobsActor().postProcessBeforeInitialization(pool, beanName);
    pool.initialize();
    return pool;
  }

  private static void runOn(TaskExecutor executor, Runnable work) throws Exception {
    var done = new CompletableFuture<Void>();
    executor.execute(
        () -> {
          try {
            work.run();
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    done.get(10, TimeUnit.SECONDS);
  }

  private List<String> actors(String subject) {
    return audit.about(subject, 10).stream().map(AuditEntry::actor).toList();
  }
}
