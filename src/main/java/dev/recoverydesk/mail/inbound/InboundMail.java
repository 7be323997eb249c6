package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.mail.MailSorted;
import dev.recoverydesk.mail.reading.Reading;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A mail as it arrived in the support mailbox, stored before the server is told we have it, so that
 * a crash never loses one. The {@code Message-ID} is unique: the same mail fetched twice (by a
 * retry, or by two nodes) is stored and acted on once.
 */
@Entity
@Table(name = "inbound_mail")
// A change of status writes the columns that changed, not the raw mail again.
@DynamicUpdate
class InboundMail {

  enum Status {
    /** Stored, not yet identified. */
    RECEIVED,
    /** Identified and taken by the case that waited for it. */
    DELIVERED,
    /** Names no case, names a case with a forged token, or nobody expected it: to triage. */
    UNMATCHED,
    /** Written by a machine (out-of-office, list, our own mail): never an answer. */
    IGNORED,
    /** A delivery failure report about a mail we sent. */
    BOUNCE,
    /** An agent attached it to a case in triage. */
    ATTACHED,
    /** An agent set it aside in triage, with a reason; it is kept. */
    DISCARDED
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "message_id", nullable = false, unique = true, length = 998)
  private String messageId;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "sender", length = 320)
  private String sender;

  @Column(name = "subject", length = 998)
  private String subject;

  @Column(name = "case_id", length = 16)
  private String caseId;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, length = 32)
  private Status status;

  @Column(name = "status_reason", length = 200)
  private String statusReason;

  @Basic(fetch = FetchType.LAZY)
  @Column(name = "raw", nullable = false)
  private byte[] raw;

  @Column(name = "size_bytes")
  private Long sizeBytes;

  @Column(name = "body_text", length = Inbox.MAX_TEXT)
  private String bodyText;

  @Column(name = "matched_by", length = 16)
  private String matchedBy;

  /** What the reader cut from the text (quote, signature, footer), as JSON ({@link CutTexts}). */
  @Column(name = "cut_text", length = CutTexts.MAX_CHARS)
  private String cutText;

  protected InboundMail() {}

  InboundMail(
      String messageId, Instant receivedAt, String sender, String subject, byte[] raw, long size) {
    this.messageId = messageId;
    this.receivedAt = receivedAt;
    this.sender = sender;
    this.subject = subject;
    this.raw = raw;
    this.sizeBytes = size;
    this.status = Status.RECEIVED;
  }

  Long id() {
    return id;
  }

  String messageId() {
    return messageId;
  }

  Status status() {
    return status;
  }

  /** The pipeline's verdict on the mail, once it has one (an agent's later work is not one). */
  Optional<MailSorted.Verdict> verdict() {
    return switch (status) {
      case DELIVERED -> Optional.of(MailSorted.Verdict.DELIVERED);
      case UNMATCHED -> Optional.of(MailSorted.Verdict.TRIAGE);
      case IGNORED -> Optional.of(MailSorted.Verdict.IGNORED);
      case BOUNCE -> Optional.of(MailSorted.Verdict.BOUNCE);
      case RECEIVED, ATTACHED, DISCARDED -> Optional.empty();
    };
  }

  String statusReason() {
    return statusReason;
  }

  String caseId() {
    return caseId;
  }

  String sender() {
    return sender;
  }

  String subject() {
    return subject;
  }

  Instant receivedAt() {
    return receivedAt;
  }

  String bodyText() {
    return bodyText;
  }

  String matchedBy() {
    return matchedBy;
  }

  String cutText() {
    return cutText;
  }

  /** What the reader made of the mail: the sender's words, and what it cut from them. */
  void read(Reading reading, String matchedBy) {
    this.bodyText = MailLimits.cut(reading.text(), Inbox.MAX_TEXT);
    this.cutText = CutTexts.json(reading.cut());
    this.matchedBy = matchedBy;
  }

  void ignored(String reason) {
    this.status = Status.IGNORED;
    this.statusReason = reason;
  }

  void bounce(String caseId, String reason) {
    this.caseId = caseId;
    this.status = Status.BOUNCE;
    this.statusReason = reason;
  }

  byte[] raw() {
    return raw;
  }

  Long sizeBytes() {
    return sizeBytes;
  }

  void delivered(String caseId) {
    this.caseId = caseId;
    this.status = Status.DELIVERED;
    this.statusReason = null;
  }

  /** A new mail that opened a case. */
  void opened(String caseId) {
    this.caseId = caseId;
    this.status = Status.DELIVERED;
    this.statusReason = "new-case";
    this.matchedBy = "NEW";
  }

  void attached(String caseId, String by) {
    this.caseId = caseId;
    this.status = Status.ATTACHED;
    this.statusReason = by;
  }

  void discarded(String reason) {
    this.status = Status.DISCARDED;
    this.statusReason = reason.length() <= 200 ? reason : reason.substring(0, 200);
  }

  void unmatched(String caseId, String reason) {
    this.caseId = caseId;
    this.status = Status.UNMATCHED;
    this.statusReason = reason;
  }
}
