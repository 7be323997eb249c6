package dev.recoverydesk.audit;

import dev.recoverydesk.OnPostgres;

/**
 * {@link AppendOnlyAuditTest} on PostgreSQL: the trigger that refuses updates and deletes is the
 * PostgreSQL migration's.
 */
@OnPostgres
class AppendOnlyAuditOnPostgresTest extends AppendOnlyAuditTest {}
