package dev.recoverydesk.twofactor.logincodes;

import dev.recoverydesk.OnPostgres;

/** {@link TotpLoginCodesTest} on PostgreSQL: the sealed authenticator secrets in its tables. */
@OnPostgres
class TotpLoginCodesOnPostgresTest extends TotpLoginCodesTest {}
