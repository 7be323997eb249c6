package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.junit.jupiter.api.Test;

/** The lanes behind the IDLE loop: one sender's mail in order, a busy case tried again. */
class MailLanesTest {

  @Test
  void one_senders_mail_is_handled_in_the_order_it_came() throws Exception {
    var inbox = mock(Inbox.class);
    var handled = new CopyOnWriteArrayList<Long>();
    doAnswer(
            call -> {
              Thread.sleep(2);
              handled.add(call.getArgument(0));
              return null;
            })
        .when(inbox)
        .process(anyLong());

    try (var lanes = new MailLanes(inbox, 4)) {
      for (long id = 1; id <= 40; id++) {
        lanes.handle(id, id % 2 == 0 ? "Alice@Example.com" : "bob@example.com");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 40);
    }

    var alice = handled.stream().filter(id -> id % 2 == 0).toList();
    var bob = handled.stream().filter(id -> id % 2 == 1).toList();
    assertThat(alice)
        .isEqualTo(LongStream.rangeClosed(1, 40).filter(id -> id % 2 == 0).boxed().toList());
    assertThat(bob)
        .isEqualTo(LongStream.rangeClosed(1, 40).filter(id -> id % 2 == 1).boxed().toList());
  }

  @Test
  void a_mail_whose_case_is_busy_or_not_waiting_yet_is_tried_again() throws Exception {
    var inbox = mock(Inbox.class);
    var calls = new AtomicInteger();
    doAnswer(
            call -> {
              switch (calls.incrementAndGet()) {
                case 1 -> throw new OptimisticLockingException("a timer moved the case");
                case 2 -> throw new Inbox.TooEarly(7);
                default -> {
                  return null;
                }
              }
            })
        .when(inbox)
        .process(anyLong());

    try (var lanes = new MailLanes(inbox, 1)) {
      lanes.handle(7, "carol@example.com");
      await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 3);
    }
    verify(inbox, times(3)).process(7);
  }

  @Test
  void the_lanes_count_the_mail_queued_or_being_handled() throws Exception {
    var inbox = mock(Inbox.class);
    var release = new java.util.concurrent.CountDownLatch(1);
    doAnswer(
            call -> {
              release.await();
              return null;
            })
        .when(inbox)
        .process(anyLong());

    try (var lanes = new MailLanes(inbox, 2)) {
      assertThat(lanes.waiting()).isZero();
      for (long id = 1; id <= 5; id++) {
        lanes.handle(id, "dave" + id + "@example.com");
      }
      assertThat(lanes.waiting()).isEqualTo(5);
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> lanes.waiting() == 0);
    }
    verify(inbox, times(5)).process(anyLong());
  }
}
