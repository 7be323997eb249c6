package dev.recoverydesk.recovery.intake;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.jdbc.AbstractJdbcProxyManagerBuilder;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bucket4j's select-for-update proxy manager in the SQL that H2 speaks. Bucket4j has modules for
 * PostgreSQL, MySQL and others but none for H2, the desk's embedded database; this one keeps the
 * same table as its PostgreSQL module ({@code id}, {@code state}, {@code expires_at}) and leaves
 * locking, retries and the bucket arithmetic to Bucket4j.
 */
final class H2BucketStore extends AbstractSelectForUpdateBasedProxyManager<String>
    implements ExpiredEntriesCleaner {

  /** H2's SQL state for a primary key taken by a concurrent insert. */
  private static final String DUPLICATE_KEY = "23505";

  private final DataSource dataSource;
  private final String select;
  private final String insert;
  private final String update;
  private final String remove;
  private final String removeExpired;
  private final List<CustomColumnProvider<String>> columns = new ArrayList<>();

  private H2BucketStore(Builder builder) {
    super(builder.getClientSideConfig());
    this.dataSource = builder.getDataSource();
    var table = builder.getTableName();
    var id = builder.getIdColumnName();
    var state = builder.getStateColumnName();
    columns.addAll(builder.getCustomColumns());
    getClientSideConfig()
        .getExpirationAfterWriteStrategy()
        .ifPresent(
            expiry ->
                columns.add(
                    CustomColumnProvider.createExpiresInColumnProvider(
                        builder.getExpiresAtColumnName(), expiry)));
    var set = new StringBuilder(state).append(" = ?");
    columns.forEach(column -> set.append(", ").append(column.getCustomFieldName()).append(" = ?"));
    this.select = "select " + state + " from " + table + " where " + id + " = ? for update";
    this.insert = "insert into " + table + " (" + id + ", " + state + ") values (?, null)";
    this.update = "update " + table + " set " + set + " where " + id + " = ?";
    this.remove = "delete from " + table + " where " + id + " = ?";
    this.removeExpired =
        "delete from "
            + table
            + " where "
            + builder.getExpiresAtColumnName()
            + " < ? fetch first ? rows only";
  }

  static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  static final class Builder
      extends AbstractJdbcProxyManagerBuilder<String, H2BucketStore, Builder> {

    private Builder(DataSource dataSource) {
      super(dataSource, PrimaryKeyMapper.STRING);
    }

    @Override
    public H2BucketStore build() {
      return new H2BucketStore(this);
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
      return true;
    }
  }

  @Override
  public boolean isExpireAfterWriteSupported() {
    return true;
  }

  @Override
  protected SelectForUpdateBasedTransaction allocateTransaction(
      String key, Optional<Long> timeoutNanos) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new BucketExceptions.BucketExecutionException(e);
    }
    return new Transaction(connection, key);
  }

  /** One round of Bucket4j's protocol on one pooled connection. */
  private final class Transaction implements SelectForUpdateBasedTransaction {

    private final Connection connection;
    private final String key;

    private Transaction(Connection connection, String key) {
      this.connection = connection;
      this.key = key;
    }

    @Override
    public void begin(Optional<Long> timeoutNanos) {
      run(() -> connection.setAutoCommit(false));
    }

    @Override
    public void rollback() {
      run(connection::rollback);
    }

    @Override
    public void commit(Optional<Long> timeoutNanos) {
      run(connection::commit);
    }

    @Override
    public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
      try (var statement = prepare(select, timeoutNanos)) {
        statement.setString(1, key);
        try (var row = statement.executeQuery()) {
          return row.next()
              ? LockAndGetResult.locked(row.getBytes(1))
              : LockAndGetResult.notLocked();
        }
      } catch (SQLException e) {
        throw new BucketExceptions.BucketExecutionException(e);
      }
    }

    @Override
    public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
      try (var statement = prepare(insert, timeoutNanos)) {
        statement.setString(1, key);
        return statement.executeUpdate() > 0;
      } catch (SQLException e) {
        if (DUPLICATE_KEY.equals(e.getSQLState())) {
          // Another node made the row first; Bucket4j locks it in its next round.
          return false;
        }
        throw new BucketExceptions.BucketExecutionException(e);
      }
    }

    @Override
    public void update(byte[] data, RemoteBucketState state, Optional<Long> timeoutNanos) {
      try (var statement = prepare(update, timeoutNanos)) {
        int index = 0;
        statement.setBytes(++index, data);
        for (var column : columns) {
          column.setCustomField(key, ++index, statement, state, currentTimeNanos());
        }
        statement.setString(++index, key);
        statement.executeUpdate();
      } catch (SQLException e) {
        throw new BucketExceptions.BucketExecutionException(e);
      }
    }

    @Override
    public void release() {
      run(connection::close);
    }

    private PreparedStatement prepare(String sql, Optional<Long> timeoutNanos) throws SQLException {
      var statement = connection.prepareStatement(sql);
      applyTimeout(statement, timeoutNanos);
      return statement;
    }

    private void run(SqlAction action) {
      try {
        action.run();
      } catch (SQLException e) {
        throw new BucketExceptions.BucketExecutionException(e);
      }
    }
  }

  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }

  @Override
  public void removeProxy(String key) {
    try (var connection = dataSource.getConnection();
        var statement = connection.prepareStatement(remove)) {
      statement.setString(1, key);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new BucketExceptions.BucketExecutionException(e);
    }
  }

  @Override
  public int removeExpired(int batchSize) {
    try (var connection = dataSource.getConnection();
        var statement = connection.prepareStatement(removeExpired)) {
      // The expiry column holds wall-clock millis, as Bucket4j's expiry column provider writes it.
      statement.setLong(1, System.currentTimeMillis());
      statement.setInt(2, batchSize);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new BucketExceptions.BucketExecutionException(e);
    }
  }
}
