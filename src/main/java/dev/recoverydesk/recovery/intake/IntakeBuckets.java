package dev.recoverydesk.recovery.intake;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where the intake limits keep their buckets: table {@code intake_bucket} of the desk's database,
 * through Bucket4j's select-for-update protocol, so that every node counts against the same
 * budgets. PostgreSQL uses Bucket4j's own module; H2 {@link H2BucketStore}. Time is the desk's
 * clock, as for the per-account limit.
 */
@Component
class IntakeBuckets {

  static final String TABLE = "intake_bucket";

  /** A bucket full again says nothing; its row goes after this much longer. */
  private static final Duration KEEP_WHEN_FULL = Duration.ofMinutes(10);

  private static final int CLEAN_BATCH = 1000;
  private static final Logger log = LoggerFactory.getLogger(IntakeBuckets.class);

  private final ProxyManager<String> store;

  IntakeBuckets(DataSource dataSource, Clock clock) {
    this.store = store(dataSource, clock);
  }

  ProxyManager<String> store() {
    return store;
  }

  /** Rows of buckets that are full again are removed, a batch at a time. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  void removeExpired() {
    if (!(store instanceof ExpiredEntriesCleaner cleaner)) {
      return;
    }
    int removed;
    int total = 0;
    do {
      removed = cleaner.removeExpired(CLEAN_BATCH);
      total += removed;
    } while (removed == CLEAN_BATCH);
    if (total > 0) {
      log.debug("Removed {} intake buckets that were full again", total);
    }
  }

  static ProxyManager<String> store(DataSource dataSource, Clock clock) {
    var expiry = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_WHEN_FULL);
    var time = deskTime(clock);
    return switch (vendor(dataSource)) {
      case POSTGRESQL ->
          Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
              .primaryKeyMapper(PrimaryKeyMapper.STRING)
              .table(TABLE)
              .clientClock(time)
              .expirationAfterWrite(expiry)
              .build();
      case H2 ->
          H2BucketStore.builder(dataSource)
              .table(TABLE)
              .clientClock(time)
              .expirationAfterWrite(expiry)
              .build();
      default ->
          throw new IllegalStateException(
              "Intake limits keep their buckets in H2 or PostgreSQL only, not in "
                  + vendor(dataSource));
    };
  }

  private static DatabaseDriver vendor(DataSource dataSource) {
    try {
      return DatabaseDriver.fromProductName(
          JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database the desk runs on", e);
    }
  }

  private static TimeMeter deskTime(Clock clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }
}
