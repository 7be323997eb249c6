package dev.recoverydesk.mail.inbound;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.mail.MailSorted;
import dev.recoverydesk.mail.Reply;
import dev.recoverydesk.mail.TriageReason;
import java.util.Objects;

/**
 * What a stored mail is, as the classify step ({@link Classifier}) finds it, one verdict a mail:
 * the deliver step ({@link Delivery}) acts on each kind in one place. A typed verdict, never a
 * string: the reason for triage is a {@link TriageReason}, a machine's mail a {@link
 * MachineMail.Kind}.
 */
sealed interface Verdict {

  /**
   * Whether the read step reads the mail's text: for everything a person may have written, so that
   * an agent sees what it says whatever became of it.
   */
  default boolean readsText() {
    return true;
  }

  /** A delivery failure report, or mail to one of our VERP addresses. */
  record Bounce(Bounces.Bounce report) implements Verdict {
    @Override
    public boolean readsText() {
      return false;
    }
  }

  /** Written by a machine: never an answer, never answered. */
  record Machine(MachineMail.Kind kind) implements Verdict {
    @Override
    public boolean readsText() {
      return false;
    }
  }

  /**
   * Fetched again and collapsed onto its stored copy: known when it is stored ({@link MailStore}).
   */
  record Duplicate(long firstCopy) implements Verdict {
    MailSorted sorted() {
      return new MailSorted(MailSorted.Verdict.DUPLICATE);
    }
  }

  /** A reply that names its case, and how it does. */
  record Matched(CaseId caseId, Reply.MatchedBy how) implements Verdict {
    public Matched {
      Objects.requireNonNull(caseId);
      Objects.requireNonNull(how);
    }
  }

  /** A person's mail that names no case: it may open one. */
  record NewRequest() implements Verdict {}

  /**
   * An agent must look at it.
   *
   * @param caseId the case it names, if any (a subject tag nobody vouches for)
   */
  record Triage(TriageReason reason, CaseId caseId) implements Verdict {
    public Triage {
      Objects.requireNonNull(reason);
    }

    Triage(TriageReason reason) {
      this(reason, null);
    }
  }
}
