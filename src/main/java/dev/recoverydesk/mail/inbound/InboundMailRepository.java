package dev.recoverydesk.mail.inbound;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface InboundMailRepository extends JpaRepository<InboundMail, Long> {

  Optional<InboundMail> findByMessageId(String messageId);
}
