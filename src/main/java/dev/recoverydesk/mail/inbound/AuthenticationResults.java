package dev.recoverydesk.mail.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Authentication-Results} header field (RFC 8601): the id of the server that checked the
 * mail, then what each check found, e.g. {@code mx.example.org; dmarc=pass (p=reject)
 * header.from=example.com; dkim=pass header.d=example.com header.i=@example.com}.
 *
 * <p>No library on Maven Central parses these fields (Apache James' jDKIM and mime4j verify or
 * parse other fields), so this is a small parser of the RFC's grammar: comments in parentheses
 * (nested, with quoted pairs) wherever white space may stand, folded lines, quoted strings, a
 * version after the server's id, {@code none} for a server that checked nothing, and a {@code
 * reason=} per result (and, as some servers write them, other {@code name=value} pairs without a
 * {@code ptype.}, which are skipped). A field that does not follow the grammar is not read at all:
 * a check whose outcome we cannot be sure of counts as no check.
 *
 * @param authservId the id of the server that added the field, in lower case
 * @param results each check, in the order given
 */
record AuthenticationResults(String authservId, List<Result> results) {

  /** Longer than any real field (a busy server's is a few hundred characters). */
  static final int MAX_LENGTH = 16 * 1024;

  /**
   * One check: {@code dkim=pass header.d=example.com}.
   *
   * @param method the method in lower case ({@code dmarc}, {@code dkim}, {@code spf}, ...), without
   *     a version
   * @param result the result in lower case ({@code pass}, {@code fail}, {@code none}, ...)
   * @param properties by {@code ptype.property} in lower case ({@code header.from}), values as
   *     written; the first of a repeated property
   */
  record Result(String method, String result, Map<String, String> properties) {

    Optional<String> property(String name) {
      return Optional.ofNullable(properties.get(name));
    }
  }

  AuthenticationResults {
    results = List.copyOf(results);
  }

  /** The field's value as read from the mail (folded or not), or empty when it is malformed. */
  static Optional<AuthenticationResults> parse(String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AuthenticationResultsParser(value).field());
    } catch (AuthenticationResultsParser.Malformed malformed) {
      return Optional.empty();
    }
  }

  /**
   * The id of the server that added a field, read as leniently as the start of the grammar allows,
   * or empty when not even that can be read. Tells whose field a malformed one claims to be.
   */
  static Optional<String> authservIdOf(String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      var parser = new AuthenticationResultsParser(value);
      parser.skipCfws();
      return Optional.of(parser.value().toLowerCase(Locale.ROOT));
    } catch (AuthenticationResultsParser.Malformed malformed) {
      return Optional.empty();
    }
  }
}
