package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;

/**
 * A stored inbound mail that names a case, handed to whoever waits for it.
 *
 * @param mailId our id of the stored mail
 * @param messageId its {@code Message-ID}, unique per mail
 * @param signed whether it came through the case's signed reply address (else the subject tag)
 */
public record Reply(
    long mailId,
    String messageId,
    CaseId caseId,
    EmailAddress from,
    String subject,
    boolean signed) {}
