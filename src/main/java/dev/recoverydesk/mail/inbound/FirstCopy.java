package dev.recoverydesk.mail.inbound;

import java.util.Optional;

/** Stores a new mail's row unless its Message-ID is stored already. */
interface FirstCopy {

  /**
   * The new row's id, or empty when another reader (a second node, the sweep) stored the same
   * Message-ID first: the loser of that race is told, not failed.
   */
  Optional<Long> insertFirstCopy(InboundMail mail);
}
