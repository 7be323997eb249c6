package dev.recoverydesk.mail.inbound;

import com.google.common.net.InternetDomainName;
import dev.recoverydesk.common.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.IDN;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a mail server the desk trusts vouches that a mail's From address is its sender's: anyone
 * can write a From header, and a mail matched only by its subject tag and sender has nothing else
 * to prove it.
 *
 * <p>The proof is an {@code Authentication-Results} field (RFC 8601) whose server id is one of
 * {@code recovery.mail.trusted-authserv-ids}. Fields with any other id are ignored: a sender can
 * write them. Of the trusted fields only the <em>topmost</em> counts. A receiving server adds its
 * field on top of the mail as it arrives, so whatever a sender wrote into the mail, trusted id and
 * all, stands below the field the desk's own server added; an attacker cannot place a field above
 * it. (A trusted server should also remove fields with its id from incoming mail, as RFC 8601
 * section 5 asks, and must add one to every mail.)
 *
 * <p>That field vouches when it says {@code dmarc=pass} for the From domain ({@code header.from}
 * must name it), or, unless DMARC failed, {@code dkim=pass} with a signing domain ({@code
 * header.d}, else the domain of {@code header.i}) aligned with the From domain in DMARC's relaxed
 * sense (RFC 7489 section 3.1.1): both have the same organisational domain, the name just under its
 * public suffix ({@code mail.example.co.uk} and {@code example.co.uk} align, {@code a.github.io}
 * and {@code b.github.io} do not). A domain under no known public suffix aligns only with itself.
 */
final class SenderAuthentication {

  /** What the trusted server's field says about the mail, most convincing first. */
  enum Verdict {
    /** DMARC passed for the From domain. */
    DMARC_PASS,
    /** A DKIM signature of the From domain's organisation verified. */
    ALIGNED_DKIM_PASS,
    /** DKIM verified, but for a domain unrelated to the From domain. */
    DKIM_NOT_ALIGNED,
    /** The trusted server found DMARC failed, or no check that passed. */
    NOT_PASSED,
    /** The topmost trusted field does not follow RFC 8601. */
    UNREADABLE,
    /** No field from a trusted server (or no server trusted at all). */
    NO_TRUSTED_RESULT;

    boolean vouches() {
      return this == DMARC_PASS || this == ALIGNED_DKIM_PASS;
    }
  }

  static final String HEADER = "Authentication-Results";

  private final Set<String> trusted;

  SenderAuthentication(Collection<String> trustedAuthservIds) {
    this.trusted =
        trustedAuthservIds.stream()
            .map(String::strip)
            .filter(id -> !id.isEmpty())
            .map(id -> id.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  Verdict of(MimeMessage message, EmailAddress from) throws MessagingException {
    if (trusted.isEmpty()) {
      return Verdict.NO_TRUSTED_RESULT;
    }
    var fields = message.getHeader(HEADER);
    if (fields == null) {
      return Verdict.NO_TRUSTED_RESULT;
    }
    for (String field : fields) {
      var value = MimeUtility.unfold(field);
      var id = AuthenticationResults.authservIdOf(value);
      if (id.isEmpty() || !trusted.contains(id.get())) {
        continue;
      }
      // The topmost field of a trusted server decides, whatever the fields below it say.
      return AuthenticationResults.parse(value)
          .map(results -> verdict(results, from))
          .orElse(Verdict.UNREADABLE);
    }
    return Verdict.NO_TRUSTED_RESULT;
  }

  private static Verdict verdict(AuthenticationResults field, EmailAddress from) {
    var fromDomain = ascii(from.domain());
    if (fromDomain.isEmpty()) {
      return Verdict.NOT_PASSED;
    }
    boolean dmarcFailed = false;
    for (var result : field.results()) {
      if (!result.method().equals("dmarc")) {
        continue;
      }
      // A DMARC result is about the From domain it names; one about another domain says nothing.
      var about = result.property("header.from").flatMap(SenderAuthentication::ascii);
      if (about.isEmpty() || !about.get().equals(fromDomain.get())) {
        continue;
      }
      if (result.result().equals("pass")) {
        return Verdict.DMARC_PASS;
      }
      if (result.result().equals("fail")) {
        dmarcFailed = true;
      }
    }
    if (dmarcFailed) {
      // The From domain's owner asked for more than DKIM gave (strict alignment, say): honoured.
      return Verdict.NOT_PASSED;
    }
    boolean signedByOthers = false;
    for (var result : field.results()) {
      if (!result.method().equals("dkim") || !result.result().equals("pass")) {
        continue;
      }
      var signer = signingDomain(result);
      if (signer.isPresent() && aligned(signer.get(), fromDomain.get())) {
        return Verdict.ALIGNED_DKIM_PASS;
      }
      signedByOthers = true;
    }
    return signedByOthers ? Verdict.DKIM_NOT_ALIGNED : Verdict.NOT_PASSED;
  }

  /** {@code header.d}, else the domain of {@code header.i} (which must be d or under it). */
  private static Optional<String> signingDomain(AuthenticationResults.Result dkim) {
    var d = dkim.property("header.d");
    if (d.isPresent()) {
      return ascii(d.get());
    }
    return dkim.property("header.i")
        .filter(i -> i.lastIndexOf('@') >= 0)
        .flatMap(i -> ascii(i.substring(i.lastIndexOf('@') + 1)));
  }

  /** Relaxed alignment: the same organisational domain. */
  static boolean aligned(String signingDomain, String fromDomain) {
    if (signingDomain.equals(fromDomain)) {
      return true;
    }
    var signer = organisationalDomain(signingDomain);
    return signer.isPresent() && signer.equals(organisationalDomain(fromDomain));
  }

  /** The name just under the public suffix, or empty for a name under no known suffix. */
  static Optional<String> organisationalDomain(String domain) {
    if (!InternetDomainName.isValid(domain)) {
      return Optional.empty();
    }
    var name = InternetDomainName.from(domain);
    if (!name.isUnderPublicSuffix()) {
      return Optional.empty();
    }
    return Optional.of(name.topPrivateDomain().toString());
  }

  /** A domain in lower-case ASCII (IDNs as punycode), without a trailing dot; empty if invalid. */
  private static Optional<String> ascii(String domain) {
    var trimmed = domain.strip();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException invalid) {
      return Optional.empty();
    }
  }
}
