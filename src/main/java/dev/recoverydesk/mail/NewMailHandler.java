package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import java.util.Optional;

/** Opens a case from a new mail when it can tell what the mail asks for; else triage decides. */
public interface NewMailHandler {

  /**
   * @return the case opened for the mail, or empty when an agent must look at it
   */
  Optional<CaseId> open(NewMail mail);
}
