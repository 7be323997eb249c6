package dev.recoverydesk.mail;

/**
 * What the inbound pipeline made of a mail from the support mailbox: one verdict a mail, published
 * in the transaction that records it (a mail whose handling rolls back is sorted again later). A
 * mail fetched again whose Message-ID is stored already is a duplicate, published at once.
 */
public record MailSorted(Verdict verdict) {

  /** The pipeline's verdicts, as the metric {@code recovery_mail_received_total} names them. */
  public enum Verdict {
    /** Taken by the case it answers, or opened a case of its own. */
    DELIVERED,
    /** No case could take it: an agent looks at it. */
    TRIAGE,
    /** Written by a machine (out-of-office, list, our own mail): never an answer. */
    IGNORED,
    /** A delivery failure report about a mail we sent. */
    BOUNCE,
    /**
     * Fetched again, and collapsed onto the stored copy: sent twice, delivered to two of our
     * addresses, or (with several nodes, or the mailbox sweep) taken by another reader first.
     */
    DUPLICATE
  }
}
