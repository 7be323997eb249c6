package dev.recoverydesk.mail.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the job executor gives way to the users' replies ({@link RepliesFirstJobExecutor}).
 *
 * @param enabled whether it does; off, the engine's job executor runs as configured alone
 * @param jobsWhileRepliesWait how many batches of jobs may run or queue on the job threads while
 *     replies wait (a batch is up to {@code camunda.bpm.job-execution.max-jobs-per-acquisition})
 * @param maxPause the longest the job executor waits for waiting replies before it starts its next
 *     jobs: the least share of the machine bulk work keeps while mail floods in
 */
@ConfigurationProperties("recovery.mail.replies-first")
record RepliesFirstSettings(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1") int jobsWhileRepliesWait,
    @DefaultValue("PT1S") Duration maxPause) {

  RepliesFirstSettings {
    if (jobsWhileRepliesWait < 0) {
      throw new IllegalArgumentException(
          "recovery.mail.replies-first.jobs-while-replies-wait must not be negative");
    }
    if (maxPause.isNegative()) {
      throw new IllegalArgumentException(
          "recovery.mail.replies-first.max-pause must not be negative");
    }
  }
}
