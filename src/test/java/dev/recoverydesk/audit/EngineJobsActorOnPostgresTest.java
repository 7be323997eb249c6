package dev.recoverydesk.audit;

import dev.recoverydesk.OnPostgres;

/**
 * {@link EngineJobsActorTest} on PostgreSQL: what the job executor does is the desk's own doing.
 */
@OnPostgres
class EngineJobsActorOnPostgresTest extends EngineJobsActorTest {}
