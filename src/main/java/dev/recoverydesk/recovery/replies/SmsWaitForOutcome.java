package dev.recoverydesk.recovery.replies;

import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler.Outcome;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.process.SmsChecks;
import org.springframework.stereotype.Component;

/**
 * {@code sms-not-delivered} › {@code wait-for-outcome} (message {@code self-service-reply}): "did
 * the text arrive?", from the contact address. The texted code in the reply proves the phone
 * receives texts again, which solves the case unless the reply says no; otherwise read as {@link
 * WaitForOutcome} reads a yes or a no.
 */
@Component
class SmsWaitForOutcome implements WaitReader {

  static final String PROCESS = "sms-not-delivered";

  private final SmsChecks smsChecks;
  private final WaitForOutcome yesOrNo;

  SmsWaitForOutcome(SmsChecks smsChecks, WaitForOutcome yesOrNo) {
    this.smsChecks = smsChecks;
    this.yesOrNo = yesOrNo;
  }

  boolean serves(CaseWaits.Waits waits) {
    return waits.at(PROCESS, WaitForOutcome.WAIT);
  }

  @Override
  public ExpectedSender sender() {
    return ExpectedSender.CONTACT;
  }

  @Override
  public Outcome read(RecoveryCase recoveryCase, Reply reply) {
    var code = SmsChecks.codeIn(WaitReader.words(reply));
    boolean confirmed = code.isPresent() && smsChecks.confirm(recoveryCase.caseId(), code.get());
    return yesOrNo.answered(recoveryCase, reply, confirmed);
  }
}
