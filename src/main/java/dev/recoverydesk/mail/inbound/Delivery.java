package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.mail.CaseLoggedReplies;
import dev.recoverydesk.mail.MailBounced;
import dev.recoverydesk.mail.MailNeedsTriage;
import dev.recoverydesk.mail.MailSorted;
import dev.recoverydesk.mail.NewMail;
import dev.recoverydesk.mail.NewMailHandler;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.ReplyHandler;
import dev.recoverydesk.mail.TriageReason;
import dev.recoverydesk.mail.outbound.SentMail;
import dev.recoverydesk.mail.reading.Reading;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The deliver step: acts on a mail's {@link Verdict}, in the transaction that locked the mail, and
 * records what became of it. A bounce marks the sent mail it reports ({@link MailBounced}); a
 * machine's mail is ignored; a reply goes to its case ({@link #deliver(Reply)}); a new request may
 * open a case ({@link NewMailHandler}); whatever no case takes goes to triage ({@link
 * MailNeedsTriage}): no mail is dropped silently.
 */
final class Delivery {

  private final SentMail sent;
  private final ReplyHandler replies;
  private final List<NewMailHandler> newMailHandlers;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Delivery(
      SentMail sent,
      ReplyHandler replies,
      List<NewMailHandler> newMailHandlers,
      ApplicationEventPublisher events,
      Clock clock) {
    this.sent = sent;
    this.replies = CaseLoggedReplies.of(replies);
    this.newMailHandlers = newMailHandlers;
    this.events = events;
    this.clock = clock;
  }

  /**
   * @param reading what the sender wrote ({@link Verdict#readsText()}), else null
   * @throws Inbox.TooEarly when the reply's case does not wait for it yet
   */
  void act(InboundMail mail, Verdict verdict, MimeMessage message, Reading reading) {
    if (verdict instanceof Verdict.Bounce bounce) {
      bounced(mail, bounce.report());
    } else if (verdict instanceof Verdict.Machine machine) {
      mail.ignored(machine.kind().code());
    } else if (verdict instanceof Verdict.Triage triage) {
      mail.read(reading, null);
      triage(mail, triage);
    } else if (verdict instanceof Verdict.NewRequest) {
      mail.read(reading, null);
      newRequest(mail, message, reading);
    } else if (verdict instanceof Verdict.Matched matched) {
      mail.read(reading, matched.how().name());
      reply(mail, matched, message, reading);
    } else {
      throw new IllegalArgumentException("Not a verdict to act on: " + verdict);
    }
  }

  /**
   * To triage without reading the mail any further (too large, or a step failed on it), counted at
   * once: no verdict of the steps follows.
   */
  void setAside(InboundMail mail, TriageReason reason) {
    triage(mail, new Verdict.Triage(reason));
    events.publishEvent(new MailSorted(MailSorted.Verdict.TRIAGE));
  }

  /** An agent must look at the mail. */
  void triage(InboundMail mail, Verdict.Triage triage) {
    var caseId = triage.caseId();
    mail.unmatched(caseId == null ? null : caseId.value(), triage.reason().code());
    events.publishEvent(
        new MailNeedsTriage(mail.id(), caseId, mail.sender(), mail.subject(), triage.reason()));
  }

  private void reply(InboundMail mail, Verdict.Matched matched, MimeMessage message, Reading read) {
    var caseId = matched.caseId();
    var reply =
        new Reply(
            mail.id(),
            mail.messageId(),
            caseId,
            MailHeaders.from(message).orElseThrow(),
            MailHeaders.subject(message),
            matched.how(),
            MailHeaders.truncate(read.text(), Inbox.MAX_TEXT),
            MailHeaders.truncate(read.fullText(), 4 * Inbox.MAX_TEXT),
            read.answers());
    switch (deliver(reply)) {
      case TAKEN -> mail.delivered(caseId.value());
      case WRONG_SENDER -> triage(mail, new Verdict.Triage(TriageReason.WRONG_SENDER, caseId));
      case NOT_WAITING -> triage(mail, new Verdict.Triage(TriageReason.NOT_WAITING, caseId));
      case NOT_YET -> {
        if (mail.receivedAt().isAfter(clock.instant().minus(Inbox.IN_FLIGHT))) {
          throw new Inbox.TooEarly(mail.id());
        }
        triage(mail, new Verdict.Triage(TriageReason.NOT_WAITING, caseId));
      }
      case NOT_MINE -> triage(mail, new Verdict.Triage(TriageReason.UNKNOWN_CASE, caseId));
    }
  }

  /** The one hand-over to the cases: the reply's case says what became of it. */
  ReplyHandler.Outcome deliver(Reply reply) {
    return replies.handle(reply);
  }

  private void newRequest(InboundMail mail, MimeMessage message, Reading reading) {
    var request =
        new NewMail(
            mail.id(),
            MailHeaders.from(message).orElseThrow(),
            MailHeaders.subject(message),
            MailHeaders.truncate(reading.text(), Inbox.MAX_TEXT));
    var opened = Optional.<CaseId>empty();
    for (NewMailHandler handler : newMailHandlers) {
      opened = handler.open(request);
      if (opened.isPresent()) {
        break;
      }
    }
    if (opened.isPresent()) {
      mail.opened(opened.get().value());
    } else {
      triage(mail, new Verdict.Triage(TriageReason.NO_CASE));
    }
  }

  /** The sent mail a bounce reports: by its VERP key, else by the Message-ID the report quotes. */
  private void bounced(InboundMail mail, Bounces.Bounce bounce) {
    Optional<SentMail.Sent> original = Optional.empty();
    if (bounce.bounceKey() != null) {
      original = sent.findByBounceKey(bounce.bounceKey());
    }
    if (original.isEmpty() && bounce.originalMessageId() != null) {
      original = sent.findAny(List.of(bounce.originalMessageId()));
    }
    if (original.isEmpty()) {
      triage(mail, new Verdict.Triage(TriageReason.BOUNCE_OF_UNKNOWN_MAIL));
      return;
    }
    var ours = original.get();
    sent.bounced(ours.messageId(), bounce.reason());
    mail.bounce(ours.caseId() == null ? null : ours.caseId().value(), bounce.reason());
    events.publishEvent(
        new MailBounced(
            mail.id(), ours.caseId(), ours.recipient(), ours.messageId(), bounce.permanent()));
  }
}
