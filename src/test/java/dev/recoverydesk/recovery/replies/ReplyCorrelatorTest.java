package dev.recoverydesk.recovery.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler.Outcome;
import dev.recoverydesk.recovery.CaseStatus;
import dev.recoverydesk.recovery.Problem;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.recovery.reset.HoldNotices;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which reader a reply meets, and whose reply it takes: the correlator alone, its readers stubbed.
 */
class ReplyCorrelatorTest {

  private static final CaseId CASE = new CaseId("RC-7K3M9Q");
  private static final EmailAddress CONTACT = new EmailAddress("owner@example.com");
  private static final EmailAddress REGISTERED = new EmailAddress("registered@example.com");
  private static final EmailAddress STRANGER = new EmailAddress("someone@example.net");

  private final CaseRecords records = mock(CaseRecords.class);
  private final CaseWaits engine = mock(CaseWaits.class);
  private final HoldNotices holds = mock(HoldNotices.class);
  private final CaseCancelRequested cancel = mock(CaseCancelRequested.class);
  private final SmsWaitForOutcome smsOutcome = mock(SmsWaitForOutcome.class);
  private final WaitForOutcome outcome = mock(WaitForOutcome.class);
  private final WaitForAnswers answers = mock(WaitForAnswers.class);
  private final NothingAwaited nothing = mock(NothingAwaited.class);
  private final ContactWaitForReply contactCheck = mock(ContactWaitForReply.class);
  private final ReplyCorrelator correlator =
      new ReplyCorrelator(
          records, engine, holds, cancel, smsOutcome, outcome, answers, nothing, contactCheck);

  private final RecoveryCase recoveryCase =
      new RecoveryCase(
          CASE,
          "alice",
          true,
          CONTACT,
          Problem.values()[0],
          "en",
          CaseStatus.RESET_PENDING,
          null,
          null,
          Instant.EPOCH);

  @BeforeEach
  void a_case_in_its_hold() {
    when(records.find(CASE)).thenReturn(Optional.of(recoveryCase));
    when(engine.of(CASE)).thenReturn(waitingAt("identity-verification", "wait-for-answers"));
    when(holds.addressesOnFile(recoveryCase)).thenReturn(Set.of(REGISTERED, CONTACT));
    when(cancel.sender()).thenReturn(WaitReader.ExpectedSender.ADDRESS_ON_FILE);
    when(answers.sender()).thenReturn(WaitReader.ExpectedSender.CONTACT);
    when(nothing.sender()).thenReturn(WaitReader.ExpectedSender.CONTACT);
    when(answers.serves(any())).thenReturn(true);
  }

  @Test
  void a_cancel_in_the_hold_is_read_before_anything_the_case_waits_for() {
    var reply = reply(REGISTERED, "CANCEL");
    when(cancel.serves(recoveryCase, reply)).thenReturn(true);
    when(cancel.read(recoveryCase, reply)).thenReturn(Outcome.TAKEN);

    assertThat(correlator.handle(reply)).isEqualTo(Outcome.TAKEN);
    verify(answers, never()).read(any(), any());
  }

  @Test
  void a_cancel_from_an_address_not_on_file_is_nobody_s_and_is_not_noted() {
    var reply = reply(STRANGER, "CANCEL");
    when(cancel.serves(recoveryCase, reply)).thenReturn(true);

    assertThat(correlator.handle(reply)).isEqualTo(Outcome.WRONG_SENDER);
    verify(cancel, never()).read(any(), any());
    verify(records, never()).event(any(), any(), anyString());
  }

  @Test
  void answers_count_only_from_the_contact_address_and_another_sender_is_noted() {
    var reply = reply(REGISTERED, "1. Tokyo");

    assertThat(correlator.handle(reply)).isEqualTo(Outcome.WRONG_SENDER);
    verify(answers, never()).read(any(), any());
    verify(records).event(eq(CASE), eq(CaseEventKind.REPLY_FROM_OTHER_SENDER), anyString());
  }

  @Test
  void a_case_that_waits_for_no_reply_leaves_the_reply_to_the_reader_of_nothing() {
    when(answers.serves(any())).thenReturn(false);
    var reply = reply(CONTACT, "hello?");
    when(nothing.read(recoveryCase, reply)).thenReturn(Outcome.NOT_YET);

    assertThat(correlator.handle(reply)).isEqualTo(Outcome.NOT_YET);
  }

  @Test
  void an_id_without_a_case_is_a_contact_check_s_or_nobody_s() {
    when(records.find(CASE)).thenReturn(Optional.empty());
    when(engine.of(CASE)).thenReturn(new CaseWaits.Waits(List.of()));
    assertThat(correlator.handle(reply(CONTACT, "hi"))).isEqualTo(Outcome.NOT_MINE);

    var check = waitingAt("contact-check", "wait-for-reply");
    when(engine.of(CASE)).thenReturn(check);
    var reply = reply(CONTACT, "it is me");
    when(contactCheck.read(reply, check.instances().get(0))).thenReturn(Outcome.TAKEN);
    assertThat(correlator.handle(reply)).isEqualTo(Outcome.TAKEN);
  }

  private static CaseWaits.Waits waitingAt(String process, String activity) {
    return new CaseWaits.Waits(List.of(new CaseWaits.Instance("1", process, List.of(activity))));
  }

  private static Reply reply(EmailAddress from, String text) {
    return new Reply(
        1,
        "<m1@example.com>",
        CASE,
        from,
        "Re: [" + CASE.value() + "]",
        Reply.MatchedBy.TOKEN,
        text,
        text,
        new TreeMap<>());
  }
}
