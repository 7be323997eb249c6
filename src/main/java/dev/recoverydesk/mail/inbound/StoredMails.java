package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.InboundMails;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Stored mail as the other modules read and triage it: a case's thread, the evidence of a signed
 * reply, and an agent's attaching or setting aside of a mail. The pipeline ({@link Inbox}) writes
 * what became of a mail; this is what others may ask and do afterwards.
 */
@Service
class StoredMails implements InboundMails {

  private final InboundMailRepository mails;

  StoredMails(InboundMailRepository mails) {
    this.mails = mails;
  }

  @Override
  public Optional<Stored> find(long mailId) {
    return mails.summary(mailId).map(StoredMails::stored);
  }

  @Override
  public List<Stored> ofCase(CaseId caseId) {
    return mails.summariesOfCase(caseId.value()).stream().map(StoredMails::stored).toList();
  }

  @Override
  public boolean signedReplyFrom(CaseId caseId, EmailAddress sender) {
    return mails.signedRepliesOf(caseId.value(), sender.value()) > 0;
  }

  @Override
  public void attach(long mailId, CaseId caseId, String by) {
    mails.findById(mailId).orElseThrow().attached(caseId.value(), by);
  }

  @Override
  public void discard(long mailId, String reason) {
    mails.findById(mailId).orElseThrow().discarded(reason);
  }

  private static Stored stored(InboundMailRepository.Summary mail) {
    return new Stored(
        mail.getId(),
        mail.getSender(),
        mail.getSubject(),
        mail.getBodyText(),
        mail.getReceivedAt(),
        CutTexts.parts(mail.getCutText()));
  }
}
