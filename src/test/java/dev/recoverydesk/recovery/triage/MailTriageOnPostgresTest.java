package dev.recoverydesk.recovery.triage;

import dev.recoverydesk.OnPostgres;

/** {@link MailTriageTest} on PostgreSQL: the triage queue's mail rows. */
@OnPostgres
class MailTriageOnPostgresTest extends MailTriageTest {}
