package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored inbound mail as agents handle it in triage. Mail is never deleted. */
public interface InboundMails {

  /**
   * The sender and trimmed text of a stored mail, and what the reader cut from it.
   *
   * @param text what the sender wrote this time (quotes, signature, footers cut)
   * @param cut the cut parts, each with why, in the order of the mail
   */
  record Stored(
      long mailId,
      String sender,
      String subject,
      String text,
      Instant receivedAt,
      List<CutText> cut) {

    public Stored {
      cut = cut == null ? List.of() : List.copyOf(cut);
    }

    /** A mail whose cut parts are not known. */
    public Stored(long mailId, String sender, String subject, String text, Instant receivedAt) {
      this(mailId, sender, subject, text, receivedAt, List.of());
    }
  }

  Optional<Stored> find(long mailId);

  /** The mail a case took or was given, oldest first: the thread an agent reads. */
  List<Stored> ofCase(CaseId caseId);

  /**
   * Whether the case took a reply from this address sent to a reply address the desk signed for the
   * case: the sender reads mail we sent there.
   */
  boolean signedReplyFrom(CaseId caseId, EmailAddress sender);

  /** Ties a mail to a case (in the caller's transaction). */
  void attach(long mailId, CaseId caseId, String by);

  /** Sets a mail aside; it is kept with the reason. */
  void discard(long mailId, String reason);
}
