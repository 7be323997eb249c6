package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;

/**
 * A mail we sent came back undelivered.
 *
 * @param bounceMailId our id of the stored bounce
 * @param caseId the case it was about, if any
 * @param permanent a hard bounce: the address does not work
 */
public record MailBounced(
    long bounceMailId, CaseId caseId, EmailAddress recipient, String messageId, boolean permanent) {

  /**
   * The bounce, for an agent to look at: the triage names the stored report, so the agent reads
   * what came back (never a made-up mail).
   */
  public MailNeedsTriage needsTriage(TriageReason reason) {
    return new MailNeedsTriage(bounceMailId, caseId, recipient.value(), "", reason);
  }
}
