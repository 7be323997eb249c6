package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.OnPostgres;

/**
 * {@link EarlyReplyTest} on PostgreSQL: a reply stored before its case's wait is correlated later.
 */
@OnPostgres
class EarlyReplyOnPostgresTest extends EarlyReplyTest {}
