package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.mail.CutText;
import dev.recoverydesk.system.NotFoundException;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stored inbound mail as agents read it in triage: who sent it, what became of it and what the
 * sender wrote (quotes, signature and footers cut), and what was cut, each part with why (quote,
 * signature, footer): the agent sees when the reader cut too much. The raw mail stays in the
 * database.
 */
@RestController
class InboundMailController {

  private final InboundMailRepository mails;

  InboundMailController(InboundMailRepository mails) {
    this.mails = mails;
  }

  record InboundMailView(
      long id,
      String messageId,
      Instant receivedAt,
      String sender,
      String subject,
      String status,
      String reason,
      String caseId,
      String matchedBy,
      String text,
      List<CutText> cut) {}

  @GetMapping("/api/inbound-mail/{id}")
  @PreAuthorize("hasAnyRole('support-agents', 'camunda-admin')")
  @Transactional(readOnly = true)
  InboundMailView read(@PathVariable long id) {
    var mail = mails.findById(id).orElseThrow(() -> new NotFoundException("Inbound mail " + id));
    return new InboundMailView(
        mail.id(),
        mail.messageId(),
        mail.receivedAt(),
        mail.sender(),
        mail.subject(),
        mail.status().name(),
        mail.statusReason(),
        mail.caseId(),
        mail.matchedBy(),
        mail.bodyText(),
        CutTexts.parts(mail.cutText()));
  }
}
