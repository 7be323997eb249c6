package dev.recoverydesk.system;

import java.net.ConnectException;
import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/** Turns the start-up failures an operator can fix into one message that names the property. */
final class StartupFailureAnalyzers {

  private StartupFailureAnalyzers() {}

  static class InvalidConfiguration extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidConfigurationException cause) {
      return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
  }

  /**
   * A database that does not answer surfaces as a chain of engine, Flyway and pool exceptions; this
   * finds the connection failure in it and names the settings that point at the database.
   */
  static class DatabaseUnreachable implements FailureAnalyzer {

    private final Environment environment;

    DatabaseUnreachable(Environment environment) {
      this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        if (isConnectionFailure(cause)) {
          var url = environment == null ? null : environment.getProperty("spring.datasource.url");
          return new FailureAnalysis(
              "Cannot connect to the database at 'spring.datasource.url' = "
                  + withoutQuery(url)
                  + ": "
                  + cause.getMessage(),
              "Check that the database is running and reachable, and check the properties"
                  + " 'spring.datasource.url', 'spring.datasource.username' and"
                  + " 'spring.datasource.password' (SPRING_DATASOURCE_URL, ..._USERNAME,"
                  + " ..._PASSWORD).",
              failure);
        }
        if (cause.getCause() == cause) {
          break;
        }
      }
      return null;
    }

    private static boolean isConnectionFailure(Throwable cause) {
      if (cause instanceof SQLException sql) {
        var state = sql.getSQLState();
        // SQLSTATE class 08: connection exception; 28: invalid authorization.
        return state != null && (state.startsWith("08") || state.startsWith("28"));
      }
      return cause instanceof ConnectException;
    }

    private static String withoutQuery(String url) {
      if (url == null) {
        return "(not set)";
      }
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query);
    }
  }
}
