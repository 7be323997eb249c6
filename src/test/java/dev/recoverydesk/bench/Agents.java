package dev.recoverydesk.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;

/**
 * The support team, through the engine's API: agents approve every identity review, supervisors
 * every second approval, each a different person (the desk's four-eyes rule). The same completions
 * drive the desk and the baseline.
 */
final class Agents implements AutoCloseable {

  private record Desk(String taskKey, String user, List<String> groups) {}

  private static final List<Desk> DESKS =
      List.of(
          new Desk("review-identity", "agent", List.of("support-agents")),
          new Desk(
              "approve-reset", "supervisor", List.of("support-agents", "support-supervisors")));
  private static final int ATTEMPTS = 5;

  private final TaskService tasks;
  private final IdentityService identity;
  private final ExecutorService people = Executors.newFixedThreadPool(4, Threads.named("agent"));
  private final Set<String> taken = ConcurrentHashMap.newKeySet();
  private final AtomicLong completions = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Thread queue;
  private volatile boolean running = true;

  Agents(ProcessEngine engine) {
    tasks = engine.getTaskService();
    identity = engine.getIdentityService();
    queue = new Thread(this::watchQueues, "agent-queue");
    queue.setDaemon(true);
    queue.start();
  }

  private void watchQueues() {
    while (running) {
      int found = 0;
      try {
        for (var desk : DESKS) {
          var open =
              tasks
                  .createTaskQuery()
                  .taskDefinitionKey(desk.taskKey())
                  .taskUnassigned()
                  .orderByTaskCreateTime()
                  .asc()
                  .listPage(0, 200);
          for (var task : open) {
            if (taken.add(task.getId())) {
              found++;
              people.execute(() -> decide(task.getId(), desk));
            }
          }
        }
        if (found == 0) {
          // An empty look at the queues costs the stack under test; people look less often.
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          System.err.println("The agents could not read their queues: " + e);
        }
      }
    }
  }

  /**
   * Claims and approves, signed in as the desk's person (the desk takes the decider from the
   * engine's signed-in user); a conflicting commit elsewhere in the case is simply tried again.
   */
  private void decide(String taskId, Desk desk) {
    identity.setAuthentication(desk.user(), desk.groups());
    try {
      decideSignedIn(taskId, desk.user());
    } finally {
      identity.clearAuthentication();
    }
  }

  private void decideSignedIn(String taskId, String user) {
    boolean claimed = false;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        if (!claimed) {
          tasks.claim(taskId, user);
          claimed = true;
        }
        tasks.complete(
            taskId, Map.of("decision", "APPROVE", "note", "The answers match the account."));
        completions.incrementAndGet();
        return;
      } catch (OptimisticLockingException e) {
        if (attempt == ATTEMPTS) {
          failures.incrementAndGet();
          System.err.println("An agent gave up on task " + taskId + ": " + e);
        }
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        System.err.println("An agent could not complete task " + taskId + ": " + e);
        return;
      }
    }
  }

  long completions() {
    return completions.get();
  }

  long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    running = false;
    queue.interrupt();
    people.shutdown();
    try {
      queue.join(10_000);
      people.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
