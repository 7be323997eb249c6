package dev.recoverydesk.scenario;

import dev.recoverydesk.OnPostgres;

/**
 * The whole scenario catalogue replayed on PostgreSQL, with the same coverage bar: every flow node
 * and sequence flow of every model, on the database production runs on. Its own Spring context and
 * database, in a surefire execution of its own (tags {@code scenarios} and {@code postgres}).
 */
@OnPostgres
class ScenarioReplayOnPostgresTest extends ScenarioReplayTest {}
