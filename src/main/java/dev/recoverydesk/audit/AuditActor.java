package dev.recoverydesk.audit;

import dev.recoverydesk.common.EmailAddress;
import java.util.Optional;

/**
 * Who acts on this thread when the action is not a signed-in person's: the desk's own engine jobs
 * ({@link #system()}) or the mail being handled ({@link #mail(long, String)}). Opened around the
 * work and closed after it:
 *
 * <pre>{@code
 * try (var actor = AuditActor.system()) {
 *   job.run();
 * }
 * }</pre>
 *
 * <p>An open scope wins over a signed-in user; without either, the audit log records {@code
 * anonymous} (a visitor of the public pages).
 */
public final class AuditActor implements AutoCloseable {

  private static final ThreadLocal<AuditActor> CURRENT = new ThreadLocal<>();

  private final String name;
  private final AuditActor outer;

  private AuditActor(String name, AuditActor outer) {
    this.name = name;
    this.outer = outer;
  }

  /** The desk itself: timers, the hold running out, work the engine does on its own threads. */
  public static AuditActor system() {
    return open("system");
  }

  /**
   * An inbound mail and its sender as the From header gives it, masked as agents see addresses
   * ({@code mail#42 from a•••e@example.com}): nothing authenticates a From header, so the entry
   * names the stored mail, which keeps the full address and every header for an investigator.
   */
  public static AuditActor mail(long mailId, String sender) {
    return open(
        "mail#"
            + mailId
            + " from "
            + EmailAddress.parse(sender).map(EmailAddress::masked).orElse("an unknown sender"));
  }

  private static AuditActor open(String name) {
    var actor = new AuditActor(name, CURRENT.get());
    CURRENT.set(actor);
    return actor;
  }

  static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get()).map(actor -> actor.name);
  }

  @Override
  public void close() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }
}
