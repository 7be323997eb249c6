package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reply handler that works with the reply's case in the logging context, and says in one line
 * what became of the reply (its mail id and how it was matched: never its sender or its text). The
 * mail lanes log the rest of a mail's way without a case: it has none until it is matched.
 */
public final class CaseLoggedReplies {

  private static final Logger log = LoggerFactory.getLogger(CaseLoggedReplies.class);

  private CaseLoggedReplies() {}

  /** The handler, handling in its reply's case. */
  public static ReplyHandler of(ReplyHandler handler) {
    return reply -> {
      try (var logging = CaseLogging.about(reply.caseId())) {
        var outcome = handler.handle(reply);
        if (outcome == ReplyHandler.Outcome.NOT_YET) {
          log.debug(
              "Mail {} to case {} came before the case waits for it",
              reply.mailId(),
              reply.caseId());
        } else if (outcome != ReplyHandler.Outcome.NOT_MINE) {
          log.info(
              "Mail {} to case {} (matched by {}): {}",
              reply.mailId(),
              reply.caseId(),
              reply.matchedBy(),
              outcome);
        }
        return outcome;
      }
    };
  }
}
