package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;

/**
 * A stored mail no case could take: an agent must look at it. Published inside the transaction that
 * records the verdict, so the mail and its triage stand or fall together.
 *
 * @param mailId the stored mail the agent reads: the mail itself, or the bounce that reports it
 * @param caseId the case it names, if any
 * @param reason why it could not be taken
 */
public record MailNeedsTriage(
    long mailId, CaseId caseId, String sender, String subject, TriageReason reason) {}
