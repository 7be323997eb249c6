package dev.recoverydesk.system.web;

import dev.recoverydesk.system.Problems;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A request that failed because the database could not be reached: no connection within the pool's
 * timeout, or the connection lost under it (the server restarting, its administrator ending
 * sessions). Nothing the caller sent was wrong and nothing was half done (the transaction rolled
 * back), so the answer is {@code 503} with {@code Retry-After}, never a {@code 500}.
 */
final class DatabaseOutage {

  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  /**
   * SQLSTATE: 08 connection exception; 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
   * connect now (PostgreSQL's, the server starting or stopping).
   */
  private static final Set<String> SERVER_GOING = Set.of("57P01", "57P02", "57P03");

  private DatabaseOutage() {}

  /** Whether the failure, or anything that caused it, says the database could not be reached. */
  static boolean caused(Throwable failure) {
    for (var cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLRecoverableException) {
        return true;
      }
      if (cause instanceof SQLException sql && lostConnection(sql)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static boolean lostConnection(SQLException sql) {
    var state = sql.getSQLState();
    if (state == null) {
      // HikariCP's connection once the pool has evicted it as broken (SQLSTATE 08006): what a
      // rollback after the lost statement meets, and what then replaces the first failure.
      return HIKARI_CLOSED.equals(sql.getMessage());
    }
    return state.startsWith("08") || SERVER_GOING.contains(state);
  }

  private static final String HIKARI_CLOSED = "Connection is closed";

  static ProblemDetail problem() {
    var problem =
        Problems.of(
            HttpStatus.SERVICE_UNAVAILABLE,
            "unavailable",
            "Temporarily unavailable",
            "The desk cannot reach its database at the moment. Nothing was saved; try again in a"
                + " few seconds.");
    return problem;
  }
}
