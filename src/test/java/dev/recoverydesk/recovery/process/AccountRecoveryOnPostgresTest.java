package dev.recoverydesk.recovery.process;

import dev.recoverydesk.OnPostgres;

/** {@link AccountRecoveryTest} on PostgreSQL: every path of a case through the engine. */
@OnPostgres
class AccountRecoveryOnPostgresTest extends AccountRecoveryTest {}
