package dev.recoverydesk.twofactor.sms;

import dev.recoverydesk.OnPostgres;

/** {@link SmsOutboxTest} on PostgreSQL: the development outbox's rows. */
@OnPostgres
class SmsOutboxOnPostgresTest extends SmsOutboxTest {}
