package dev.recoverydesk.recovery;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import java.time.Instant;

/**
 * A recovery case as stored.
 *
 * @param accountKnown whether the username names an account (never told to the requester)
 * @param contactEmail the address that proves control by replying; questions go there
 */
public record RecoveryCase(
    CaseId caseId,
    String username,
    boolean accountKnown,
    EmailAddress contactEmail,
    Problem problem,
    String locale,
    CaseStatus status,
    Integer score,
    String resolution,
    Instant openedAt) {}
