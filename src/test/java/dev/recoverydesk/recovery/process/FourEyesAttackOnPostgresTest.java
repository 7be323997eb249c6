package dev.recoverydesk.recovery.process;

import dev.recoverydesk.OnPostgres;

/**
 * {@link FourEyesAttackTest} on PostgreSQL: the engine's authorizations and the review's records.
 */
@OnPostgres
class FourEyesAttackOnPostgresTest extends FourEyesAttackTest {}
