package dev.recoverydesk.recovery;

import dev.recoverydesk.common.CaseId;

/**
 * A case was opened and its process started. Published in the opening transaction.
 *
 * @param problem the problem as the case knows it once opened: given, or classified from the
 *     request's words ({@code OTHER} while an agent has still to confirm it)
 * @param channel where the request came from: {@code REST}, {@code WEB} or {@code MAIL}
 */
public record CaseOpened(CaseId caseId, Problem problem, String channel) {}
