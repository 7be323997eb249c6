package dev.recoverydesk.twofactor.backupcodes;

import dev.recoverydesk.OnPostgres;

/**
 * {@link BackupCodeServiceTest} on PostgreSQL: concurrent checks of one code are serialised by
 * PostgreSQL's row locks.
 */
@OnPostgres
class BackupCodeServiceOnPostgresTest extends BackupCodeServiceTest {}
