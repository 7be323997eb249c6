package dev.recoverydesk.common;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a recovery case, like {@code RC-7K3M9Q}: the business key of every process instance of
 * the case and the tag in every mail subject.
 *
 * <p>The alphabet leaves out letters that read like digits (I, L, O) and U, so an id survives being
 * read aloud or retyped.
 */
public record CaseId(String value) {

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final Pattern FORMAT = Pattern.compile("RC-[0-9A-HJKMNP-TV-Z]{6}");
  private static final Pattern IN_TEXT =
      Pattern.compile("\\[(RC-[0-9A-HJKMNP-TV-Z]{6})]", Pattern.CASE_INSENSITIVE);
  private static final Pattern ANYWHERE =
      Pattern.compile(
          "(?<![0-9A-Z])RC-[0-9A-HJKMNP-TV-Z]{6}(?![0-9A-Z])", Pattern.CASE_INSENSITIVE);
  private static final SecureRandom RANDOM = new SecureRandom();

  public CaseId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("Not a case id: " + value);
    }
  }

  public static CaseId random() {
    var id = new StringBuilder("RC-");
    for (int i = 0; i < 6; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return new CaseId(id.toString());
  }

  /** Parses an id typed by a person or found in an address: case does not matter. */
  public static Optional<CaseId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var upper = text.trim().toUpperCase(Locale.ROOT);
    return FORMAT.matcher(upper).matches() ? Optional.of(new CaseId(upper)) : Optional.empty();
  }

  /** Finds the {@code [RC-XXXXXX]} tag in a subject line. */
  public static Optional<CaseId> findTag(String subject) {
    if (subject == null) {
      return Optional.empty();
    }
    Matcher matcher = IN_TEXT.matcher(subject);
    return matcher.find() ? parse(matcher.group(1)) : Optional.empty();
  }

  /** The first case id anywhere in a text (a request's path or query), in upper case. */
  public static Optional<CaseId> findIn(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = ANYWHERE.matcher(text);
    return matcher.find() ? parse(matcher.group()) : Optional.empty();
  }

  /** The tag that every subject of the case carries. */
  public String tag() {
    return "[" + value + "]";
  }

  @Override
  public String toString() {
    return value;
  }
}
