package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import java.util.Optional;

/** Stored inbound mail as agents handle it in triage. Mail is never deleted. */
public interface InboundMails {

  /** The sender and trimmed text of a stored mail. */
  record Stored(long mailId, String sender, String subject, String text) {}

  Optional<Stored> find(long mailId);

  /** Ties a mail to a case (in the caller's transaction). */
  void attach(long mailId, CaseId caseId, String by);

  /** Sets a mail aside; it is kept with the reason. */
  void discard(long mailId, String reason);
}
