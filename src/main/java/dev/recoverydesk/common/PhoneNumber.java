package dev.recoverydesk.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;

/**
 * A phone number in E.164 ({@code +819012345678}), validated once with libphonenumber. Input may
 * carry spaces, hyphens, brackets or full-width digits; it must carry its country code.
 */
public record PhoneNumber(String e164) {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  public PhoneNumber {
    e164 = normalise(e164);
  }

  public static Optional<PhoneNumber> parse(String text) {
    try {
      return Optional.of(new PhoneNumber(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public int countryCode() {
    return parsed(e164).getCountryCode();
  }

  /** The last four digits, which users recognise their number by. */
  public String lastFour() {
    return e164.substring(e164.length() - 4);
  }

  /** What agents and mail show: the country code and the last four digits only. */
  public String masked() {
    return Masking.phone(countryCode(), lastFour());
  }

  private static String normalise(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A phone number is required");
    }
    var candidate = java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFKC);
    if (!candidate.startsWith("+")) {
      throw new IllegalArgumentException(
          "A phone number needs its country code, like +81 90 1234 5678");
    }
    var number = parsed(candidate);
    if (!PHONES.isValidNumber(number)) {
      throw new IllegalArgumentException("Not a valid phone number: " + text);
    }
    return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
  }

  private static com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parsed(String text) {
    try {
      return PHONES.parse(text, "ZZ");
    } catch (NumberParseException e) {
      throw new IllegalArgumentException("Not a phone number: " + text, e);
    }
  }

  @Override
  public String toString() {
    return masked();
  }
}
