package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.OnPostgres;

/**
 * {@link CrashRecoveryTest} on PostgreSQL: a mail stored before a crash is stored and correlated
 * once.
 */
@OnPostgres
class CrashRecoveryOnPostgresTest extends CrashRecoveryTest {}
