package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler.Outcome;
import dev.recoverydesk.recovery.RecoveryCase;
import java.text.Normalizer;

/**
 * The reader of one wait of a case's diagram: who may answer it, and what an answer does to the
 * case. {@link ReplyCorrelator} picks the reader and checks the sender; the reader only reads.
 */
interface WaitReader {

  /** Who may answer a wait. */
  enum ExpectedSender {
    /** The case's contact address. A reply from another address is noted on the case's timeline. */
    CONTACT,
    /**
     * Any address on file: the account's registered address or the case's contact address ({@link
     * dev.recoverydesk.recovery.reset.HoldNotices#addressesOnFile}, the addresses the hold notices
     * went to).
     */
    ADDRESS_ON_FILE
  }

  ExpectedSender sender();

  /** Reads a reply from an expected sender and, when the case takes it, moves the case on. */
  Outcome read(RecoveryCase recoveryCase, Reply reply);

  /** The sender's words compatibility-normalised (full-width letters and digits read as ASCII). */
  static String words(Reply reply) {
    return Normalizer.normalize(reply.text() == null ? "" : reply.text(), Normalizer.Form.NFKC);
  }
}
