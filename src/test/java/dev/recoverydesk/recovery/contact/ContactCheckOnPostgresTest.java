package dev.recoverydesk.recovery.contact;

import dev.recoverydesk.OnPostgres;

/** {@link ContactCheckTest} on PostgreSQL: the contact check's mail loop. */
@OnPostgres
class ContactCheckOnPostgresTest extends ContactCheckTest {}
