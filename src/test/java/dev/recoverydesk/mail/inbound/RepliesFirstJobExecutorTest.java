package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The job executor gives way to waiting replies, for a while at most. */
class RepliesFirstJobExecutorTest {

  private final ProcessEngineImpl engine = mock(ProcessEngineImpl.class, RETURNS_DEEP_STUBS);
  private final AtomicInteger replies = new AtomicInteger();
  private final List<Runnable> started = new CopyOnWriteArrayList<>();
  private RepliesFirstJobExecutor jobs;

  private RepliesFirstJobExecutor started(Duration maxPause) {
    jobs = new RepliesFirstJobExecutor(replies::get, 0, maxPause);
    jobs.setTaskExecutor(started::add);
    jobs.start();
    return jobs;
  }

  @AfterEach
  void stop() {
    if (jobs != null) {
      jobs.shutdown();
    }
  }

  @Test
  void jobs_start_at_once_while_no_reply_waits() {
    started(Duration.ofMinutes(1)).executeJobs(List.of("job-1"), engine);

    assertThat(started).hasSize(1);
  }

  @Test
  void jobs_wait_until_the_waiting_replies_are_handled() throws Exception {
    var executor = started(Duration.ofMinutes(1));
    replies.set(2);
    var acquisition = new Thread(() -> executor.executeJobs(List.of("job-1"), engine));
    acquisition.start();

    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(started::isEmpty);
    replies.set(0);
    await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 1);
    acquisition.join(5_000);
  }

  @Test
  void jobs_wait_no_longer_than_the_longest_pause_while_mail_floods_in() {
    replies.set(1_000);
    var executor = started(Duration.ofMillis(300));
    long before = System.nanoTime();

    executor.executeJobs(List.of("job-1"), engine);

    assertThat(started).hasSize(1);
    assertThat(Duration.ofNanos(System.nanoTime() - before))
        .isBetween(Duration.ofMillis(300), Duration.ofSeconds(30));
  }

  @Test
  void one_batch_of_jobs_runs_beside_the_waiting_replies() throws Exception {
    var release = new CountDownLatch(1);
    Runnable running =
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    var pool =
        new ThreadPoolTaskExecutor() {
          @Override
          public void execute(Runnable jobs) {
            started.add(jobs);
            super.execute(running);
          }
        };
    pool.setCorePoolSize(3);
    pool.initialize();
    try {
      jobs = new RepliesFirstJobExecutor(replies::get, 1, Duration.ofMinutes(1));
      jobs.setTaskExecutor(pool);
      jobs.start();
      replies.set(1);
      var executor = jobs;
      var acquisition =
          new Thread(
              () -> {
                executor.executeJobs(List.of("job-1"), engine);
                executor.executeJobs(List.of("job-2"), engine);
              });
      acquisition.start();

      await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 1);
      await()
          .during(Duration.ofMillis(200))
          .atMost(Duration.ofSeconds(2))
          .until(() -> started.size() == 1);
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
      acquisition.join(5_000);
    } finally {
      release.countDown();
      pool.shutdown();
    }
  }
}
