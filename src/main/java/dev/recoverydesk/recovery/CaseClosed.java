package dev.recoverydesk.recovery;

import dev.recoverydesk.common.CaseId;
import java.time.Duration;

/**
 * A case reached one of its closed statuses, for the first time. Published in the transaction that
 * records the status.
 *
 * @param outcome {@code RESOLVED}, {@code REJECTED}, {@code CANCELLED} or {@code EXPIRED}
 * @param open how long it was open, from the request to now
 */
public record CaseClosed(CaseId caseId, Problem problem, CaseStatus outcome, Duration open) {}
