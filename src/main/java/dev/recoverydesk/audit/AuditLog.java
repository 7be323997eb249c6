package dev.recoverydesk.audit;

import java.util.List;
import java.util.Map;

/**
 * The append-only record of security-relevant actions: who did what to which subject, and when.
 * Details never hold secrets (codes, tokens, passwords) — only what an investigator needs.
 */
public interface AuditLog {

  /**
   * Records an action by whoever acts on this thread: an open {@link AuditActor} (the desk's jobs,
   * a mail's sender), else whoever is signed in, else {@code anonymous}.
   *
   * @param subject what the action is about, e.g. {@code account:alice} or {@code case:RC-7K3M9Q}
   */
  void record(String action, String subject, Map<String, ?> details);

  /** The newest entries about a subject first. */
  List<AuditEntry> about(String subject, int limit);
}
