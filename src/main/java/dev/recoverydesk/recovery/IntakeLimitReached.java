package dev.recoverydesk.recovery;

/**
 * A request to open a case was refused by an intake limit: nothing was opened and no mail was sent.
 * Published in the refusing transaction, which is committed.
 *
 * @param limit which budget was spent: {@code account}, {@code contact} or {@code client}
 * @param channel where the request came from: {@code REST}, {@code WEB} or {@code MAIL}
 */
public record IntakeLimitReached(String limit, String channel) {}
