package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.OnPostgres;

/**
 * {@link IntakeLimitsTest} on PostgreSQL: the buckets in PostgreSQL's table, through the running
 * desk.
 */
@OnPostgres
class IntakeLimitsOnPostgresTest extends IntakeLimitsTest {}
