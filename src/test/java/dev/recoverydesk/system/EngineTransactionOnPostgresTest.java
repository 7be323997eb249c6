package dev.recoverydesk.system;

import dev.recoverydesk.OnPostgres;

/**
 * {@link EngineTransactionTest} on PostgreSQL: the desk's rows live and die with the engine's
 * transaction.
 */
@OnPostgres
class EngineTransactionOnPostgresTest extends EngineTransactionTest {}
