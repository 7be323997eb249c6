package dev.recoverydesk.mail;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.system.TokenSigner;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Signed reply addresses, {@code support+rc-7k3m9q.<signature>@recovery.local}: a reply to one
 * names its case, and nobody can make one up for a case they were not written about.
 */
@Component
public class ReplyAddress {

  private static final String PURPOSE = "reply-address";
  private static final int SIGNATURE_LENGTH = 16;

  private final TokenSigner signer;
  private final EmailAddress support;

  ReplyAddress(TokenSigner signer, MailSettings settings) {
    this.signer = signer;
    this.support = settings.supportAddress();
  }

  public EmailAddress forCase(CaseId caseId) {
    var token = caseId.value().toLowerCase(Locale.ROOT);
    return new EmailAddress(
        support.localPart()
            + "+"
            + token
            + "."
            + signer.sign(PURPOSE, caseId.value(), SIGNATURE_LENGTH)
            + "@"
            + support.domain());
  }

  /** What a recipient address says about a case. */
  public sealed interface Match {}

  /** Not one of our sub-addresses at all. */
  public record NoToken() implements Match {}

  /** Our sub-address with a valid signature. */
  public record Signed(CaseId caseId) implements Match {}

  /** Our sub-address, but the token is malformed or its signature fails: never trust it. */
  public record Forged(String token) implements Match {}

  public Match read(EmailAddress recipient) {
    var local = recipient.localPart();
    var prefix = support.localPart() + "+";
    if (!recipient.domain().equals(support.domain()) || !local.startsWith(prefix)) {
      return new NoToken();
    }
    var token = local.substring(prefix.length());
    int dot = token.lastIndexOf('.');
    if (dot < 0) {
      return new Forged(token);
    }
    Optional<CaseId> caseId = CaseId.parse(token.substring(0, dot));
    if (caseId.isPresent()
        && signer.verify(PURPOSE, caseId.get().value(), token.substring(dot + 1))
        && token.length() - dot - 1 == SIGNATURE_LENGTH) {
      return new Signed(caseId.get());
    }
    return new Forged(token);
  }
}
