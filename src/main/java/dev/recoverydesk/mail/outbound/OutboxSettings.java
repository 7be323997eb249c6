package dev.recoverydesk.mail.outbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox sends and retries.
 *
 * @param retryDelay the wait after the first failed attempt; it doubles with each failure
 * @param maxRetryDelay the longest wait between two attempts: a mail is retried until it is sent
 * @param incidentAfter after this many failed attempts the case shows a {@code mailDelivery}
 *     incident in Cockpit, resolved when the mail is sent
 * @param claim how long a node keeps the messages it is sending from the others; a node that dies
 *     while sending leaves them to the others after this
 * @param sweepInterval how often each node looks for messages due for a retry, or left by a node
 *     that died
 * @param batch the most messages one sweep takes
 */
@ConfigurationProperties("recovery.mail.outbox")
record OutboxSettings(
    @DefaultValue("PT10S") Duration retryDelay,
    @DefaultValue("PT5M") Duration maxRetryDelay,
    @DefaultValue("3") int incidentAfter,
    @DefaultValue("PT2M") Duration claim,
    @DefaultValue("PT5S") Duration sweepInterval,
    @DefaultValue("50") int batch) {

  /** The wait after the given number of failed attempts. */
  Duration backoff(int failures) {
    var delay = retryDelay.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
    return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
  }
}
