package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.OnPostgres;

/**
 * {@link OutboxTest} on PostgreSQL: rows claimed with {@code FOR UPDATE SKIP LOCKED} by several
 * dispatchers at once are each sent once, and mail waits out an SMTP outage there too.
 */
@OnPostgres
class OutboxOnPostgresTest extends OutboxTest {}
