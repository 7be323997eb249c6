package dev.recoverydesk.recovery;

import java.util.Map;

/** How much open work the desk holds, for every node alike: read from the database. */
public interface CaseCounts {

  /** Cases not yet closed, by status; a status without cases is absent. */
  Map<CaseStatus, Long> openByStatus();

  /** Mail waiting in triage: open {@code triage-mail} tasks. */
  long mailInTriage();
}
