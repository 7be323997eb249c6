package dev.recoverydesk.common;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * A single mailbox address, validated once and kept in lower case so that comparisons (is this
 * reply from the address the case expects?) never depend on how a client capitalised it.
 */
public record EmailAddress(String value) {

  public EmailAddress {
    value = normalise(value);
  }

  public static Optional<EmailAddress> parse(String text) {
    try {
      return Optional.of(new EmailAddress(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * An address a request may name to be written to: a mailbox on a domain name with at least one
   * dot ({@code alice@example} is a typo that no mail reaches, not a contact address).
   */
  public static Optional<EmailAddress> parseReachable(String text) {
    return parse(text).filter(EmailAddress::onADomainName);
  }

  private boolean onADomainName() {
    var labels = domain().split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (var label : labels) {
      if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
    }
    return true;
  }

  public String localPart() {
    return value.substring(0, value.lastIndexOf('@'));
  }

  public String domain() {
    return value.substring(value.lastIndexOf('@') + 1);
  }

  /** What agents and mail show of an account's address: {@code a•••e@example.com}. */
  public String masked() {
    return Masking.email(localPart(), domain());
  }

  private static String normalise(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("An email address is required");
    }
    try {
      var address = new InternetAddress(text.trim(), true);
      var plain = address.getAddress();
      if (plain == null || !plain.contains("@") || plain.startsWith("@") || plain.endsWith("@")) {
        throw new IllegalArgumentException("Not an email address: " + text);
      }
      return plain.toLowerCase(Locale.ROOT);
    } catch (AddressException e) {
      throw new IllegalArgumentException("Not an email address: " + text, e);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
