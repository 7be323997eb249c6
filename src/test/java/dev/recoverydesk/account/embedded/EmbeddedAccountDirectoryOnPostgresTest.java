package dev.recoverydesk.account.embedded;

import dev.recoverydesk.OnPostgres;

/** {@link EmbeddedAccountDirectoryTest} on PostgreSQL: the accounts' JPA tables. */
@OnPostgres
class EmbeddedAccountDirectoryOnPostgresTest extends EmbeddedAccountDirectoryTest {}
