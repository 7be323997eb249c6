package dev.recoverydesk.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Gives a new H2 database the column statistics of a running desk.
 *
 * <p>H2 chooses an index by each column's selectivity, which is 50 until the table is analyzed, and
 * keeps the plan of a cached statement until the schema changes. On a new database the engine's
 * statements are planned on empty tables: the lookup of an execution's variables, for one, then
 * walks every variable through the index on {@code TASK_ID_ IS NULL}, and keeps doing so as the
 * tables grow. Setting measured selectivities (a schema change, so cached plans are made again)
 * lets the planner pick the index a loaded desk needs. Columns H2 has measured itself are left
 * alone; on other databases this does nothing.
 */
@Component
public class H2Statistics implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(H2Statistics.class);
  private static final String SEED = "db/h2/column-selectivity.csv";
  private static final int H2_DEFAULT = 50;
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  private final DataSource dataSource;

  H2Statistics(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Once the engine has made its tables and Flyway ours, before the job executor, the mail lanes
   * and the web server start: an {@code ALTER TABLE} locks its table, so nothing else may wait.
   */
  @Override
  public void afterSingletonsInstantiated() {
    seed(dataSource);
  }

  /**
   * Sets the measured selectivity of each listed column that H2 has not measured yet.
   *
   * @return how many columns were set
   */
  public static int seed(DataSource dataSource) {
    try (var connection = dataSource.getConnection()) {
      if (!connection.getMetaData().getDatabaseProductName().equals("H2")) {
        return 0;
      }
      var current = selectivities(connection);
      int set = 0;
      int kept = 0;
      for (var entry : measured().entrySet()) {
        var now = current.get(entry.getKey());
        if (now == null || now != H2_DEFAULT || entry.getValue() == H2_DEFAULT) {
          continue;
        }
        var column = entry.getKey().split("\\.");
        try (var statement = connection.createStatement()) {
          statement.execute(
              "ALTER TABLE \""
                  + column[0]
                  + "\" ALTER COLUMN \""
                  + column[1]
                  + "\" SELECTIVITY "
                  + entry.getValue());
          set++;
        } catch (SQLException e) {
          kept++;
          log.debug("H2 kept its selectivity of {}: {}", entry.getKey(), e.getMessage());
        }
      }
      if (kept > 0) {
        log.warn(
            "H2 kept its default selectivity for {} columns; plans may be slow until it analyzes"
                + " them",
            kept);
      }
      log.debug("Seeded the selectivity of {} H2 columns", set);
      return set;
    } catch (SQLException e) {
      log.warn("Could not read H2's column statistics: {}", e.getMessage());
      return 0;
    }
  }

  private static Map<String, Integer> selectivities(Connection connection) throws SQLException {
    var found = new HashMap<String, Integer>();
    try (var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT TABLE_NAME, COLUMN_NAME, SELECTIVITY FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE TABLE_SCHEMA = SCHEMA()")) {
      while (rows.next()) {
        found.put(rows.getString(1) + "." + rows.getString(2), rows.getInt(3));
      }
    }
    return found;
  }

  /** The seed file's columns and their selectivity, by {@code TABLE.COLUMN}. */
  static Map<String, Integer> measured() {
    try {
      var text = new ClassPathResource(SEED).getContentAsString(StandardCharsets.UTF_8);
      var measured = new HashMap<String, Integer>();
      for (var line : text.lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        var fields = line.strip().split(",");
        if (fields.length != 3
            || !NAME.matcher(fields[0]).matches()
            || !NAME.matcher(fields[1]).matches()) {
          throw new IllegalStateException(SEED + " has a line that is not table,column,n: " + line);
        }
        int selectivity = Integer.parseInt(fields[2]);
        if (selectivity < 0 || selectivity > 100) {
          throw new IllegalStateException(SEED + " has a selectivity outside 0-100: " + line);
        }
        measured.put(fields[0] + "." + fields[1], selectivity);
      }
      return measured;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
