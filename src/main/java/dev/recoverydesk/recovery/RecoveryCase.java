package dev.recoverydesk.recovery;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import java.time.Instant;

/**
 * A recovery case as stored.
 *
 * @param accountKnown whether the username names an account (never told to the requester)
 * @param contactEmail the address that proves control by replying; questions go there
 * @param locale the language's tag ({@code ja}, {@code en}), as stored
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
    Instant openedAt) {

  /** The language the case is written in, from its stored tag. */
  public Language language() {
    return Language.of(locale);
  }
}
