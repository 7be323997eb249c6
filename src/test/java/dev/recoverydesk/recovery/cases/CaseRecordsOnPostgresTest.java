package dev.recoverydesk.recovery.cases;

import dev.recoverydesk.OnPostgres;

/** {@link CaseRecordsTest} on PostgreSQL: the case's records and their JSON answers. */
@OnPostgres
class CaseRecordsOnPostgresTest extends CaseRecordsTest {}
