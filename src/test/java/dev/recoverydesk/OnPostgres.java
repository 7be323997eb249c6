package dev.recoverydesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * An {@link IntegrationTest} run again on PostgreSQL: put on a subclass of an existing test class,
 * it runs that class's tests against the desk on a PostgreSQL database of its own, with the
 * production profile's database and job executor settings (profile {@code cluster}: READ COMMITTED,
 * batch processing, the connection pool) beside the demo profile's users and embedded mail server.
 *
 * <p>Every class so marked shares one Spring context and so one database, made when the context
 * starts and dropped when it closes. They run in a surefire execution of their own (tag {@code
 * postgres}): that context's engine is named {@code default} as the shared H2 one is, and the
 * Camunda webapps keep static state per JVM. Without a reachable server they are skipped with a
 * notice (see {@link PostgresServer}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("postgres")
@ExtendWith(PostgresServer.Available.class)
@ActiveProfiles({"demo", "cluster"})
@ContextConfiguration(initializers = PostgresServer.ForContext.class)
public @interface OnPostgres {}
