package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.OnPostgres;

/**
 * {@link RequestPageTest} on PostgreSQL: the request form with its CSRF token in the session store.
 */
@OnPostgres
class RequestPageOnPostgresTest extends RequestPageTest {}
