package dev.recoverydesk.mail.inbound;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles stored mail on a few lanes, so that the IDLE loop only fetches and stores and one busy
 * case does not hold up everyone's replies. A sender's mails always take the same lane: they are
 * handled in the order they came (answers before a later {@code CANCEL}).
 *
 * <p>A mail whose case changed at the same moment (a timer, another reply), or that answers a mail
 * whose sending is not committed yet, is tried again within a couple of seconds; failing that, or
 * on shutdown, it stays stored and unhandled, and the inbox sweeper takes it later. Nothing is lost
 * with a lane's queue.
 *
 * <p>{@link #waiting()} counts the mails queued or being handled: while there are any, the job
 * executor runs fewer jobs ({@link RepliesFirstJobExecutor}).
 */
final class MailLanes implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MailLanes.class);
  private static final int ATTEMPTS = 6;

  private final Inbox inbox;
  private final ExecutorService[] lanes;
  private final AtomicInteger waiting = new AtomicInteger();

  MailLanes(Inbox inbox, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("recovery.mail.workers must be at least 1");
    }
    this.inbox = inbox;
    this.lanes = new ExecutorService[count];
    var number = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      lanes[i] =
          Executors.newSingleThreadExecutor(
              task -> {
                var thread = new Thread(task, "mail-lane-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
    }
  }

  /** Queues a stored mail on its sender's lane. */
  void handle(long mailId, String sender) {
    var key = sender == null ? "" : sender.toLowerCase(Locale.ROOT);
    waiting.incrementAndGet();
    try {
      lanes[Math.floorMod(key.hashCode(), lanes.length)].execute(
          () -> {
            try {
              process(mailId);
            } finally {
              waiting.decrementAndGet();
            }
          });
    } catch (RuntimeException refused) {
      // Shut down: the mail stays stored and unhandled, for the sweeper or the next start.
      waiting.decrementAndGet();
      throw refused;
    }
  }

  /** Stored mails queued on a lane or being handled now. */
  int waiting() {
    return waiting.get();
  }

  private void process(long mailId) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        inbox.process(mailId);
        return;
      } catch (OptimisticLockingException | Inbox.TooEarly notYet) {
        if (attempt == ATTEMPTS) {
          log.info("Mail {} is not handled yet ({}); the sweeper takes it later", mailId, notYet);
          return;
        }
        pause(Duration.ofMillis(100L * attempt));
      } catch (RuntimeException e) {
        log.warn("Stored mail {} could not be processed yet; it is tried again later", mailId, e);
        return;
      } catch (StackOverflowError e) {
        // Never left to end the lane's thread: the next mail on the lane is handled as usual.
        log.error("Stored mail {} overflowed the stack; it is tried again later", mailId);
        return;
      }
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets queued mail finish for a while; what is left stays stored for the next start. */
  @Override
  public void close() throws InterruptedException {
    for (var lane : lanes) {
      lane.shutdown();
    }
    for (var lane : lanes) {
      if (!lane.awaitTermination(10, TimeUnit.SECONDS)) {
        lane.shutdownNow();
      }
    }
    waiting.set(0);
  }
}
