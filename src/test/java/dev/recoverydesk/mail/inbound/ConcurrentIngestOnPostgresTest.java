package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.OnPostgres;

/**
 * {@link ConcurrentIngestTest} on PostgreSQL: the unique Message-ID is PostgreSQL's constraint,
 * raced by six pollers.
 */
@OnPostgres
class ConcurrentIngestOnPostgresTest extends ConcurrentIngestTest {}
