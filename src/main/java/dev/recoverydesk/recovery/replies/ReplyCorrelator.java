package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.contact.ContactCheck;
import dev.recoverydesk.recovery.reset.HoldNotices;
import org.springframework.stereotype.Component;

/**
 * The one way of a reply into a case: the case loaded once, the engine asked once what the case
 * waits for, the reader of that wait chosen, the sender checked against whom that wait expects, and
 * the reply handed to the reader.
 *
 * <p>Which wait a reply answers, in order: a {@code CANCEL} during the hold ({@link
 * CaseCancelRequested}, whatever else the case waits for); "did it work?" ({@link
 * SmsWaitForOutcome}, {@link WaitForOutcome}); the questionnaire ({@link WaitForAnswers}); else
 * nothing ({@link NothingAwaited}). A case id without a case is a contact check's ({@link
 * ContactWaitForReply}) or nobody's.
 */
@Component
class ReplyCorrelator implements ReplyHandler {

  private final CaseRecords records;
  private final CaseWaits engine;
  private final HoldNotices holds;
  private final CaseCancelRequested cancel;
  private final SmsWaitForOutcome smsOutcome;
  private final WaitForOutcome outcome;
  private final WaitForAnswers answers;
  private final NothingAwaited nothing;
  private final ContactWaitForReply contactCheck;

  ReplyCorrelator(
      CaseRecords records,
      CaseWaits engine,
      HoldNotices holds,
      CaseCancelRequested cancel,
      SmsWaitForOutcome smsOutcome,
      WaitForOutcome outcome,
      WaitForAnswers answers,
      NothingAwaited nothing,
      ContactWaitForReply contactCheck) {
    this.records = records;
    this.engine = engine;
    this.holds = holds;
    this.cancel = cancel;
    this.smsOutcome = smsOutcome;
    this.outcome = outcome;
    this.answers = answers;
    this.nothing = nothing;
    this.contactCheck = contactCheck;
  }

  @Override
  public Outcome handle(Reply reply) {
    var waits = engine.of(reply.caseId());
    var found = records.find(reply.caseId());
    if (found.isEmpty()) {
      return waits
          .instanceOf(ContactCheck.PROCESS_KEY)
          .map(check -> contactCheck.read(reply, check))
          .orElse(Outcome.NOT_MINE);
    }
    var recoveryCase = found.get();
    var reader = readerFor(recoveryCase, reply, waits);
    if (!fromExpectedSender(recoveryCase, reply, reader.sender())) {
      return Outcome.WRONG_SENDER;
    }
    return reader.read(recoveryCase, reply);
  }

  private WaitReader readerFor(RecoveryCase recoveryCase, Reply reply, CaseWaits.Waits waits) {
    if (cancel.serves(recoveryCase, reply)) {
      return cancel;
    }
    if (smsOutcome.serves(waits)) {
      return smsOutcome;
    }
    if (outcome.serves(waits)) {
      return outcome;
    }
    if (answers.serves(waits)) {
      return answers;
    }
    return nothing;
  }

  private boolean fromExpectedSender(
      RecoveryCase recoveryCase, Reply reply, WaitReader.ExpectedSender expected) {
    return switch (expected) {
      case ADDRESS_ON_FILE -> holds.addressesOnFile(recoveryCase).contains(reply.from());
      case CONTACT -> {
        boolean fromContact = reply.from().equals(recoveryCase.contactEmail());
        if (!fromContact) {
          records.event(
              recoveryCase.caseId(),
              CaseEventKind.REPLY_FROM_OTHER_SENDER,
              "mail " + reply.mailId());
        }
        yield fromContact;
      }
    };
  }
}
