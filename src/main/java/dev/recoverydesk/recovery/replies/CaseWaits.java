package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.common.CaseId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a case's process instances wait for, asked of the engine once a reply: every running
 * instance with the case id as business key, and the message each of them waits on (receive tasks,
 * the cancellation's start event). The engine's query API has no lookup of subscriptions by
 * business key, so this reads its runtime tables (the same database, the same transaction).
 */
@Component
class CaseWaits {

  private final JdbcTemplate jdbc;

  CaseWaits(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One running process instance of a case.
   *
   * @param process its process definition key, e.g. {@code identity-verification}
   * @param waitingAt the ids of the activities waiting for a message, e.g. {@code wait-for-answers}
   */
  record Instance(String id, String process, List<String> waitingAt) {}

  /** A case's running process instances, in no particular order. */
  record Waits(List<Instance> instances) {

    /** Whether the case waits at this activity of this process. */
    boolean at(String process, String activity) {
      return instances.stream()
          .anyMatch(i -> i.process().equals(process) && i.waitingAt().contains(activity));
    }

    /** The case's running instance of this process, if any. */
    Optional<Instance> instanceOf(String process) {
      return instances.stream().filter(i -> i.process().equals(process)).findFirst();
    }
  }

  Waits of(CaseId caseId) {
    var instances = new LinkedHashMap<String, Instance>();
    jdbc.query(
        "select p.ID_ as instance_id, d.KEY_ as process_key, s.ACTIVITY_ID_ as activity_id"
            + " from ACT_RU_EXECUTION p"
            + " join ACT_RE_PROCDEF d on d.ID_ = p.PROC_DEF_ID_"
            + " left join ACT_RU_EVENT_SUBSCR s"
            + " on s.PROC_INST_ID_ = p.ID_ and s.EVENT_TYPE_ = 'message'"
            + " where p.BUSINESS_KEY_ = ? and p.ID_ = p.PROC_INST_ID_",
        row -> {
          var id = row.getString("instance_id");
          var process = row.getString("process_key");
          var activity = row.getString("activity_id");
          var instance =
              instances.computeIfAbsent(id, key -> new Instance(key, process, new ArrayList<>()));
          if (activity != null) {
            instance.waitingAt().add(activity);
          }
        },
        caseId.value());
    return new Waits(List.copyOf(instances.values()));
  }
}
