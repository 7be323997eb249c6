package dev.recoverydesk.twofactor.backupcodes;

import dev.recoverydesk.twofactor.BackupCodePolicy;
import dev.recoverydesk.twofactor.BackupCodes;
import dev.recoverydesk.twofactor.CodeCheckFailure;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An account's sets of backup codes in the database: the one active set, those a new set superseded
 * or a reset voided, and each code's hash, place and use. Callers hold the username's throttle row
 * lock ({@link CodeThrottle}).
 */
final class CodeSets {

  static final String ACTIVE = "ACTIVE";
  private static final String SUPERSEDED = "SUPERSEDED";
  private static final String VOIDED = "VOIDED";

  /** How many of an account's newest sets a typed code is looked for in (older ones are gone). */
  static final int SETS_CHECKED = 3;

  private final JdbcTemplate jdbc;
  private final BackupCodePolicy policy;

  CodeSets(JdbcTemplate jdbc, BackupCodePolicy policy) {
    this.jdbc = jdbc;
    this.policy = policy;
  }

  record StoredCode(long setId, String setStatus, int position, String hash, Instant usedAt) {}

  /** Stores a new active set of these hashes, in order; the set active until now is superseded. */
  void store(String key, List<String> hashes, Instant now) {
    jdbc.update(
        "update backup_code_set set status = ?, ended_at = ?, ended_why = ?"
            + " where username = ? and status = ?",
        SUPERSEDED,
        Timestamp.from(now),
        "NEW_SET",
        key,
        ACTIVE);
    jdbc.update(
        "insert into backup_code_set (username, issued_at, status) values (?, ?, ?)",
        key,
        Timestamp.from(now),
        ACTIVE);
    long setId =
        jdbc.queryForObject(
            "select max(id) from backup_code_set where username = ? and status = ?",
            Long.class,
            key,
            ACTIVE);
    for (int position = 0; position < hashes.size(); position++) {
      jdbc.update(
          "insert into backup_code (set_id, position, hash) values (?, ?, ?)",
          setId,
          position,
          hashes.get(position));
    }
  }

  /** Voids the active set; returns how many sets that was (0 or 1). */
  int voidActive(String key, String why, Instant now) {
    return jdbc.update(
        "update backup_code_set set status = ?, ended_at = ?, ended_why = ?"
            + " where username = ? and status = ?",
        VOIDED,
        Timestamp.from(now),
        why,
        key,
        ACTIVE);
  }

  /** The newest set: when it was issued, its status, and how many of its codes are left. */
  Optional<BackupCodes.SetStatus> newest(String key) {
    return jdbc
        .query(
            "select s.issued_at, s.status, count(c.position) as total,"
                + " sum(case when c.used_at is null then 1 else 0 end) as unused"
                + " from backup_code_set s join backup_code c on c.set_id = s.id"
                + " where s.username = ? group by s.id, s.issued_at, s.status"
                + " order by s.id desc fetch first 1 rows only",
            (row, n) ->
                new BackupCodes.SetStatus(
                    row.getTimestamp("issued_at").toInstant(),
                    row.getString("status"),
                    row.getInt("total"),
                    row.getString("status").equals(ACTIVE) ? row.getInt("unused") : 0),
            key)
        .stream()
        .findFirst();
  }

  /**
   * The hashes every check computes: as many as the stored codes of the newest {@value
   * #SETS_CHECKED} sets can be, so that a wrong code costs the same against none, one or all of
   * them.
   */
  int hashingWork() {
    return SETS_CHECKED * policy.count();
  }

  /**
   * The codes of the account's newest {@value #SETS_CHECKED} sets, newest set first, in one query.
   * Sets issued under a larger {@code count} are cut to the {@link #hashingWork()}, older sets
   * first; the newest set is always whole, so every code that can still be used is looked at.
   */
  List<StoredCode> candidates(String key) {
    var codes =
        jdbc.query(
            "select s.id, s.status, c.position, c.hash, c.used_at"
                + " from backup_code_set s join backup_code c on c.set_id = s.id"
                + " where s.id in (select id from backup_code_set where username = ?"
                + " order by id desc fetch first "
                + SETS_CHECKED
                + " rows only)"
                + " order by s.id desc, c.position",
            (row, n) ->
                new StoredCode(
                    row.getLong("id"),
                    row.getString("status"),
                    row.getInt("position"),
                    row.getString("hash"),
                    CodeThrottle.instant(row.getTimestamp("used_at"))),
            key);
    if (codes.size() <= hashingWork()) {
      return codes;
    }
    long newest = codes.get(0).setId();
    int keep =
        Math.max(hashingWork(), (int) codes.stream().filter(c -> c.setId() == newest).count());
    return codes.subList(0, keep);
  }

  /** Uses the code that matched, if its set and its place in the set allow. */
  BackupCodes.Check use(List<StoredCode> candidates, StoredCode hit, Instant now) {
    if (!hit.setStatus().equals(ACTIVE)) {
      return new BackupCodes.Refused(
          hit.setStatus().equals(VOIDED)
              ? CodeCheckFailure.VOIDED_SET
              : CodeCheckFailure.SUPERSEDED_SET);
    }
    if (hit.usedAt() != null) {
      return new BackupCodes.Refused(CodeCheckFailure.ALREADY_USED);
    }
    // Only the newest set can be active, and it is never cut short (see candidates).
    var unused =
        candidates.stream().filter(c -> c.setId() == hit.setId() && c.usedAt() == null).toList();
    if (policy.orderedUse() && unused.get(0).position() != hit.position()) {
      // Seed 002: a code used out of order invalidates every code obtained so far.
      jdbc.update(
          "update backup_code_set set status = ?, ended_at = ?, ended_why = ? where id = ?",
          VOIDED,
          Timestamp.from(now),
          CodeCheckFailure.OUT_OF_ORDER.name(),
          hit.setId());
      return new BackupCodes.Refused(CodeCheckFailure.OUT_OF_ORDER);
    }
    jdbc.update(
        "update backup_code set used_at = ? where set_id = ? and position = ?",
        Timestamp.from(now),
        hit.setId(),
        hit.position());
    return new BackupCodes.Accepted(unused.size() - 1);
  }
}
