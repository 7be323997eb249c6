package dev.recoverydesk.mail.inbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The engine's job executor, giving the users' replies the machine first: while the support
 * mailbox's reader has replies it has not stored or handled yet, it hands the jobs it acquired to
 * its threads only when fewer than {@code jobsWhileRepliesWait} jobs are running or queued, and
 * waits for at most {@code maxPause} for that. Its acquisition waits with it, so no further job is
 * locked meanwhile.
 *
 * <p>In a burst the jobs are the bulk work (questionnaires, scores, resets, and the mail they send
 * after commit), and 3 to 10 job threads against a handful of mailbox threads on the same cores and
 * database left a reply waiting its turn for seconds, though its user is the one person waiting on
 * the desk. Jobs lose little: each reply is handled in tens of milliseconds, and the work a reply
 * starts is itself a job; one job at a time keeps the cores busy while the mailbox's threads wait
 * on the mail server or the database. With a mailbox that never empties (a flood of mail) the job
 * executor still hands on a batch at least every {@code maxPause}.
 */
final class RepliesFirstJobExecutor extends SpringJobExecutor {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final IntSupplier repliesWaiting;
  private final int jobsWhileRepliesWait;
  private final long maxPauseNanos;

  /**
   * @param repliesWaiting how many replies the mailbox's reader holds: found, stored or being
   *     handled; 0 on a node that does not read the mailbox
   */
  RepliesFirstJobExecutor(IntSupplier repliesWaiting, int jobsWhileRepliesWait, Duration maxPause) {
    this.repliesWaiting = repliesWaiting;
    this.jobsWhileRepliesWait = jobsWhileRepliesWait;
    this.maxPauseNanos = maxPause.toNanos();
  }

  @Override
  public void executeJobs(List<String> jobIds, ProcessEngineImpl processEngine) {
    long deadline = System.nanoTime() + maxPauseNanos;
    while (isActive
        && jobsInHand() >= jobsWhileRepliesWait
        && repliesWaiting.getAsInt() > 0
        && System.nanoTime() < deadline
        && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(POLL_NANOS);
    }
    super.executeJobs(jobIds, processEngine);
  }

  /** Batches of jobs running or queued on the job threads; unknown on another executor: none. */
  private int jobsInHand() {
    return getTaskExecutor() instanceof ThreadPoolTaskExecutor pool
        ? pool.getActiveCount() + pool.getQueueSize()
        : 0;
  }
}
