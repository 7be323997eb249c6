package dev.recoverydesk;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The PostgreSQL server that tests run the desk on: {@code 127.0.0.1:5432} as user {@code postgres}
 * with no password, or what libpq's {@code PGHOST}, {@code PGPORT}, {@code PGUSER} and {@code
 * PGPASSWORD} say. Every test class that uses it gets a database of its own, created for it and
 * dropped after it, so no run sees another's rows and nothing is left behind.
 *
 * <p>On a machine without a reachable server the PostgreSQL tests are skipped with a notice, unless
 * {@code RECOVERY_DESK_POSTGRES_TESTS=required} (set by {@code .ci/run}) makes that a failure.
 */
public final class PostgresServer {

  public static final String SWITCH = "RECOVERY_DESK_POSTGRES_TESTS";

  private static final String HOST = env("PGHOST", "127.0.0.1");
  private static final String PORT = env("PGPORT", "5432");
  public static final String USER = env("PGUSER", "postgres");
  public static final String PASSWORD = env("PGPASSWORD", "");
  private static final String SERVER = "jdbc:postgresql://" + HOST + ":" + PORT + "/";

  /** Why the server cannot be used, or empty when it can; asked once per JVM. */
  private static volatile Optional<String> unreachable;

  private PostgresServer() {}

  /** A database of the server's, made for one test class; {@link #close()} drops it. */
  public record Database(String name, String url) implements AutoCloseable {

    /** A connection as the server's administrator, for what the test checks or arranges. */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, USER, PASSWORD);
    }

    /** Drops the database, ending whatever sessions still use it. */
    @Override
    public void close() {
      try (var admin = administration()) {
        admin.createStatement().execute("drop database if exists " + name + " with (force)");
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot drop the test database " + name, e);
      }
    }
  }

  /**
   * Creates an empty database named after {@code purpose}, or skips the calling test (fails it when
   * PostgreSQL is required) when no server answers.
   */
  public static Database create(String purpose) {
    assumeReachable();
    var name =
        purpose.toLowerCase().replaceAll("[^a-z0-9]", "_")
            + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var admin = administration()) {
      admin.createStatement().execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the test database " + name, e);
    }
    return new Database(name, SERVER + name);
  }

  /** Skips the calling test with a notice when no server answers, or fails it when required. */
  public static void assumeReachable() {
    var reason = unreachable();
    if (reason.isPresent()) {
      if (required()) {
        throw missing(reason.get());
      }
      Assumptions.abort(skipped(reason.get()));
    }
  }

  /**
   * Why no server can be used, or empty when one answers: for a run that skips its PostgreSQL part
   * with a notice rather than a test that is skipped.
   */
  public static Optional<String> whyUnreachable() {
    return unreachable();
  }

  private static boolean required() {
    return "required".equals(System.getenv(SWITCH));
  }

  private static final String HOW =
      " Install and start PostgreSQL 15 (apt-get install -y postgresql), or set PGHOST, PGPORT,"
          + " PGUSER and PGPASSWORD.";

  private static String skipped(String reason) {
    return reason + ": the PostgreSQL tests are skipped." + HOW;
  }

  private static IllegalStateException missing(String reason) {
    return new IllegalStateException(
        reason + ", and " + SWITCH + "=required makes that a failure." + HOW);
  }

  private static Optional<String> unreachable() {
    if (unreachable == null) {
      try (var admin = administration()) {
        admin.isValid(5);
        unreachable = Optional.empty();
      } catch (SQLException e) {
        unreachable =
            Optional.of(
                "No PostgreSQL server answers at "
                    + SERVER
                    + " as "
                    + USER
                    + " ("
                    + e.getMessage()
                    + ")");
      }
    }
    return unreachable;
  }

  private static Connection administration() throws SQLException {
    return DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
  }

  private static String env(String name, String fallback) {
    var value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /**
   * Skips a test class before its Spring context is built when no server answers (or fails it when
   * PostgreSQL is required), so that no context fails to start for want of a database.
   */
  public static final class Available implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      var reason = unreachable();
      if (reason.isEmpty()) {
        return ConditionEvaluationResult.enabled("PostgreSQL answers at " + SERVER);
      }
      if (required()) {
        throw missing(reason.get());
      }
      return ConditionEvaluationResult.disabled(skipped(reason.get()));
    }
  }

  /**
   * Gives a Spring context a database of its own: created before the context starts, dropped after
   * it closes. Registered first, the dropping bean is destroyed last, after the connection pool.
   */
  public static final class ForContext
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      var database = create("desk");
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "test-postgresql-database",
                  Map.of(
                      "spring.datasource.url", database.url(),
                      "spring.datasource.username", USER,
                      "spring.datasource.password", PASSWORD)));
      ((DefaultListableBeanFactory) context.getBeanFactory())
          .registerDisposableBean("testPostgresqlDatabase", database::close);
    }
  }
}
