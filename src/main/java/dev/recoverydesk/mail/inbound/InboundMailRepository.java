package dev.recoverydesk.mail.inbound;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface InboundMailRepository extends JpaRepository<InboundMail, Long> {

  Optional<InboundMail> findByMessageId(String messageId);

  List<InboundMail> findByCaseIdOrderById(String caseId);

  /** The mail, locked for the rest of the transaction: two nodes never process it both. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select m from InboundMail m where m.id = :id")
  Optional<InboundMail> lockById(@Param("id") long id);
}
