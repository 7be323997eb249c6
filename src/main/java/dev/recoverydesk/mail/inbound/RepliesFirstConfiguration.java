package dev.recoverydesk.mail.inbound;

import java.util.Optional;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultJobConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/**
 * The engine's job executor on a node that reads the support mailbox: Camunda's, configured from
 * {@code camunda.bpm.job-execution} as the starter configures its own, and giving way to the
 * replies the mailbox's reader holds ({@link RepliesFirstJobExecutor}).
 */
@Configuration(proxyBeanMethods = false)
// With job execution off the starter makes no job threads, and the engine runs no jobs of itself.
@ConditionalOnExpression(
    "${recovery.mail.imap.enabled:true} and ${recovery.mail.replies-first.enabled:true}"
        + " and ${camunda.bpm.job-execution.enabled:true}")
class RepliesFirstConfiguration {

  @Bean
  JobExecutor jobExecutor(
      @Qualifier(DefaultJobConfiguration.JobConfiguration.CAMUNDA_TASK_EXECUTOR_QUALIFIER)
          TaskExecutor taskExecutor,
      CamundaBpmProperties camunda,
      RepliesFirstSettings settings,
      // Looked up at the first jobs: the lanes' handlers use the engine this executor belongs to.
      ObjectProvider<MailLanes> lanes,
      ObjectProvider<UnseenFirstReceiver> receiver) {
    var mailbox = new Mailbox(lanes, receiver);
    var jobs =
        new RepliesFirstJobExecutor(
            mailbox::waiting, settings.jobsWhileRepliesWait(), settings.maxPause());
    jobs.setTaskExecutor(taskExecutor);
    jobs.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
    var properties = camunda.getJobExecution();
    Optional.ofNullable(properties.getLockTimeInMillis()).ifPresent(jobs::setLockTimeInMillis);
    Optional.ofNullable(properties.getMaxJobsPerAcquisition())
        .ifPresent(jobs::setMaxJobsPerAcquisition);
    Optional.ofNullable(properties.getWaitTimeInMillis()).ifPresent(jobs::setWaitTimeInMillis);
    Optional.ofNullable(properties.getMaxWait()).ifPresent(jobs::setMaxWait);
    Optional.ofNullable(properties.getBackoffTimeInMillis())
        .ifPresent(jobs::setBackoffTimeInMillis);
    Optional.ofNullable(properties.getMaxBackoff()).ifPresent(jobs::setMaxBackoff);
    Optional.ofNullable(properties.getBackoffDecreaseThreshold())
        .ifPresent(jobs::setBackoffDecreaseThreshold);
    Optional.ofNullable(properties.getWaitIncreaseFactor()).ifPresent(jobs::setWaitIncreaseFactor);
    return jobs;
  }

  /** The replies the mailbox's reader holds: found in the mailbox and not stored, or on a lane. */
  private static final class Mailbox {
    private final ObjectProvider<MailLanes> lanesProvider;
    private final ObjectProvider<UnseenFirstReceiver> receiverProvider;
    private volatile MailLanes lanes;
    private volatile UnseenFirstReceiver receiver;

    Mailbox(
        ObjectProvider<MailLanes> lanesProvider,
        ObjectProvider<UnseenFirstReceiver> receiverProvider) {
      this.lanesProvider = lanesProvider;
      this.receiverProvider = receiverProvider;
    }

    int waiting() {
      if (lanes == null || receiver == null) {
        lanes = lanesProvider.getIfAvailable();
        receiver = receiverProvider.getIfAvailable();
        if (lanes == null || receiver == null) {
          return 0;
        }
      }
      return lanes.waiting() + receiver.notTaken();
    }
  }
}
