package dev.recoverydesk.mail.inbound;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface InboundMailRepository extends JpaRepository<InboundMail, Long>, FirstCopy {

  // Query strings, not derived queries: Hibernate keeps their translation. The raw mail, up to the
  // size cap, is only read where it is parsed.

  @Query("select m.id from InboundMail m where m.messageId = :messageId")
  Optional<Long> idOfMessage(@Param("messageId") String messageId);

  @Query(
      "select m.id as id, m.sender as sender, m.subject as subject, m.bodyText as bodyText,"
          + " m.receivedAt as receivedAt, m.cutText as cutText from InboundMail m where m.id = :id")
  Optional<Summary> summary(@Param("id") long id);

  @Query(
      "select m.id as id, m.sender as sender, m.subject as subject, m.bodyText as bodyText,"
          + " m.receivedAt as receivedAt, m.cutText as cutText from InboundMail m"
          + " where m.caseId = :caseId order by m.id")
  List<Summary> summariesOfCase(@Param("caseId") String caseId);

  @Query(
      "select count(m) from InboundMail m where m.caseId = :caseId and m.sender = :sender"
          + " and m.matchedBy = 'TOKEN'")
  long signedRepliesOf(@Param("caseId") String caseId, @Param("sender") String sender);

  /** What handlers and agents read of a stored mail. */
  interface Summary {
    long getId();

    String getSender();

    String getSubject();

    String getBodyText();

    Instant getReceivedAt();

    String getCutText();
  }

  /**
   * Whether only the headers of the mail were stored, because it was over the {@link SizeCap}: the
   * rule's mark on a stored mail (fewer bytes stored than the server had).
   */
  default boolean headersOnly(long id) {
    return storedHeadersOnly(id) > 0;
  }

  @Query(
      value = "select count(*) from inbound_mail where id = :id and size_bytes > octet_length(raw)",
      nativeQuery = true)
  long storedHeadersOnly(@Param("id") long id);

  @Query("select m.status from InboundMail m where m.id = :id")
  Optional<InboundMail.Status> status(@Param("id") long id);

  /** The mail, locked for the rest of the transaction: two nodes never process it both. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select m from InboundMail m where m.id = :id")
  Optional<InboundMail> lockById(@Param("id") long id);
}
