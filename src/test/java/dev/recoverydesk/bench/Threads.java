package dev.recoverydesk.bench;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so that a stack dump of a stuck run says who is who. */
final class Threads {

  private Threads() {}

  static ThreadFactory named(String prefix) {
    var count = new AtomicInteger();
    return task -> {
      var thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
