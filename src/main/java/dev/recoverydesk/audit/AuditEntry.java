package dev.recoverydesk.audit;

import java.time.Instant;
import java.util.Map;

/** One line of the audit log. */
public record AuditEntry(
    long id,
    Instant occurredAt,
    String actor,
    String action,
    String subject,
    Map<String, Object> details) {}
