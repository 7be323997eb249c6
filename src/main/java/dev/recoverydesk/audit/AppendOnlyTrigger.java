package dev.recoverydesk.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's half of the audit log's guard ({@code db/vendor/h2/V8__audit_is_append_only.sql}): any
 * update or delete of an entry fails, whoever connects. PostgreSQL has its own trigger.
 */
public class AppendOnlyTrigger implements Trigger {

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException(
        "audit_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
        "23000");
  }
}
