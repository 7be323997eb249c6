package dev.recoverydesk.account.web;

import dev.recoverydesk.OnPostgres;

/** {@link AccountApiTest} on PostgreSQL: the accounts' JPA tables. */
@OnPostgres
class AccountApiOnPostgresTest extends AccountApiTest {}
