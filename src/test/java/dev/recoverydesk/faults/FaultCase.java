package dev.recoverydesk.faults;

import dev.recoverydesk.MailClient;
import dev.recoverydesk.cluster.LockedOutUsers;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One locked-out user's case, driven as the user and the agents would: the request through the
 * public API, the answers by mail, the review and the approval through the engine's REST API. Every
 * step is retried until the desk takes it or the run's deadline passes; a fault makes a step wait,
 * never skip. The run may hold a case before its reply or its approval, to send replies while the
 * mailbox is away or to have many holds end at once.
 */
final class FaultCase {

  static final String QUESTIONNAIRE = "Please answer";
  static final String HOLD_NOTICE = "will be reset";
  static final String CODES = "are ready";

  final String burst;
  final String username;
  final String address;
  final CompletableFuture<Void> replyWhen = new CompletableFuture<>();
  final CompletableFuture<Void> approveWhen = new CompletableFuture<>();
  final CompletableFuture<Void> questionnaireReceived = new CompletableFuture<>();
  final CompletableFuture<Void> awaitingApproval = new CompletableFuture<>();
  volatile String caseId;
  volatile String replyId;
  volatile String lastStatus;
  volatile String failure;

  /**
   * @param holdReply the reply waits for {@link #replyWhen}
   * @param holdApproval the approval waits for {@link #approveWhen}
   */
  FaultCase(String burst, boolean holdReply, boolean holdApproval) {
    this.burst = burst;
    this.username = burst + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    this.address = username + "@example.com";
    if (!holdReply) {
      replyWhen.complete(null);
    }
    if (!holdApproval) {
      approveWhen.complete(null);
    }
  }

  /**
   * Makes the account, opens the case after {@code openAfter} and takes it to its reset and the
   * user's new codes mail; returns quietly at the deadline.
   */
  void drive(
      DeskCalls desk, MailClient mail, Requests requests, Duration openAfter, Instant deadline) {
    try {
      untilTrue(
          deadline,
          () ->
              desk.post(
                      "/api/accounts",
                      DeskCalls.ADMIN_CREDENTIALS,
                      LockedOutUsers.account(username, address))
                  .filter(
                      r -> r.statusCode() == 200 || r.statusCode() == 201 || r.statusCode() == 409)
                  .isPresent());
      sleep(openAfter);
      caseId = until(deadline, () -> requests.open(desk, username, address));
      var questionnaire = until(deadline, () -> mailWith(mail, QUESTIONNAIRE));
      questionnaireReceived.complete(null);
      replyWhen.join();
      var reply = mail.reply(questionnaire, address, LockedOutUsers.answers(address));
      mail.send(reply);
      replyId = reply.getMessageID();
      step(desk, deadline, "IN_REVIEW", "review-identity", DeskCalls.AGENT_CREDENTIALS);
      awaitingApproval.complete(null);
      approveWhen.join();
      step(desk, deadline, "AWAITING_APPROVAL", "approve-reset", DeskCalls.SUPERVISOR_CREDENTIALS);
      until(deadline, () -> status(desk).filter("RESOLVED"::equals));
      until(deadline, () -> mailWith(mail, CODES));
    } catch (DeadlinePassed e) {
      failure = "deadline passed at status " + lastStatus;
    } catch (RuntimeException | MessagingException e) {
      failure = e.toString();
    }
  }

  /** Waits for the status, then completes the task until the case has moved past it. */
  private void step(
      DeskCalls desk, Instant deadline, String status, String taskKey, String credentials) {
    until(deadline, () -> status(desk).filter(status::equals));
    until(
        deadline,
        () -> {
          var now = status(desk);
          if (now.isPresent() && !now.get().equals(status)) {
            return now;
          }
          desk.task(caseId, taskKey, credentials).ifPresent(id -> desk.complete(id, credentials));
          return Optional.empty();
        });
  }

  Optional<String> status(DeskCalls desk) {
    var status = desk.status(caseId);
    status.ifPresent(s -> lastStatus = s);
    return status;
  }

  Optional<MimeMessage> mailWith(MailClient mail, String subject) {
    try {
      return mail.inbox(address).stream().filter(m -> subjectHas(m, subject)).findFirst();
    } catch (IllegalStateException notYet) {
      return Optional.empty();
    }
  }

  static boolean subjectHas(MimeMessage message, String text) {
    try {
      return message.getSubject() != null && message.getSubject().contains(text);
    } catch (MessagingException e) {
      return false;
    }
  }

  static final class DeadlinePassed extends RuntimeException {
    DeadlinePassed() {
      super(null, null, false, false);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls every second until the step gives a value. */
  static <T> T until(Instant deadline, Supplier<Optional<T>> step) {
    while (Instant.now().isBefore(deadline)) {
      Optional<T> value;
      try {
        value = step.get();
      } catch (RuntimeException e) {
        value = Optional.empty();
      }
      if (value.isPresent()) {
        return value.get();
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeadlinePassed();
      }
    }
    throw new DeadlinePassed();
  }

  static void untilTrue(Instant deadline, BooleanSupplier done) {
    until(deadline, () -> done.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }
}
