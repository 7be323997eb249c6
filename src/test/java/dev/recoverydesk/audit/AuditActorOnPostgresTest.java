package dev.recoverydesk.audit;

import dev.recoverydesk.OnPostgres;

/** {@link AuditActorTest} on PostgreSQL: who the audit log names, read back from its table. */
@OnPostgres
class AuditActorOnPostgresTest extends AuditActorTest {}
