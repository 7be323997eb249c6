package dev.recoverydesk.mail.inbound;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Reads an {@code Authentication-Results} field by the grammar of RFC 8601 section 2.2: recursive
 * descent, one pass, no backtracking. {@link AuthenticationResults} is what it reads into.
 */
final class AuthenticationResultsParser {

  /** The field does not follow the grammar: it is not read at all. */
  static final class Malformed extends Exception {
    Malformed(String what, int at) {
      super(what + " at " + at, null, false, false);
    }
  }

  private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

  private final String text;
  private int at;

  AuthenticationResultsParser(String value) {
    this.text = value;
  }

  AuthenticationResults field() throws Malformed {
    skipCfws();
    var authservId = value().toLowerCase(Locale.ROOT);
    skipCfws();
    if (!atEnd() && Character.isDigit(peek())) {
      // authres-version: only version 1 exists; a server that writes another is not understood.
      var version = digits();
      if (!version.equals("1")) {
        throw new Malformed("unknown version " + version, at);
      }
      skipCfws();
    }
    var results = new ArrayList<AuthenticationResults.Result>();
    while (!atEnd()) {
      expect(';');
      skipCfws();
      if (atEnd()) {
        break; // A trailing ';', which some servers write.
      }
      var method = keyword();
      skipCfws();
      if (method.equals("none") && results.isEmpty() && (atEnd() || peek() == ';')) {
        // no-result: the server checked nothing, and says nothing more.
        if (!atEnd()) {
          expect(';');
          skipCfws();
        }
        if (!atEnd()) {
          throw new Malformed("results after 'none'", at);
        }
        break;
      }
      results.add(resinfo(method));
    }
    return new AuthenticationResults(authservId, results);
  }

  /** After the method's name: {@code [/version] = result [reason=...] [ptype.property=value]*}. */
  private AuthenticationResults.Result resinfo(String method) throws Malformed {
    if (!atEnd() && peek() == '/') {
      at++;
      skipCfws();
      digits();
      skipCfws();
    }
    expect('=');
    skipCfws();
    var result = keyword();
    var properties = new LinkedHashMap<String, String>();
    skipCfws();
    while (!atEnd() && peek() != ';') {
      var name = keyword();
      skipCfws();
      if (!atEnd() && peek() == '=') {
        // reasonspec, or a name=value without a ptype that some servers add (action=none):
        // neither says anything about the sender, so both are read past.
        at++;
        skipCfws();
        value();
        skipCfws();
        continue;
      }
      expect('.');
      skipCfws();
      var property = keyword();
      skipCfws();
      expect('=');
      skipCfws();
      properties.putIfAbsent(name + "." + property, propertyValue());
      skipCfws();
    }
    return new AuthenticationResults.Result(
        method, result, Collections.unmodifiableMap(properties));
  }

  /** A {@code pvalue}: a quoted string, or an address or domain ({@code @example.com}). */
  private String propertyValue() throws Malformed {
    var value = new StringBuilder();
    if (!atEnd() && peek() == '"') {
      value.append(quotedString());
    }
    int start = at;
    while (!atEnd()) {
      char c = peek();
      if (c == ';' || c == '(' || c == '"' || isWhitespace(c) || Character.isISOControl(c)) {
        break;
      }
      at++;
    }
    value.append(text, start, at);
    if (value.isEmpty()) {
      throw new Malformed("a property value expected", at);
    }
    return value.toString();
  }

  /** A {@code value} of RFC 2045: a token or a quoted string. */
  String value() throws Malformed {
    if (!atEnd() && peek() == '"') {
      return quotedString();
    }
    int start = at;
    while (!atEnd() && isTokenChar(peek())) {
      at++;
    }
    if (start == at) {
      throw new Malformed("a value expected", at);
    }
    return text.substring(start, at);
  }

  private String quotedString() throws Malformed {
    expect('"');
    var value = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw new Malformed("an unterminated quoted string", at);
      }
      char c = text.charAt(at++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\') {
        if (atEnd()) {
          throw new Malformed("a quoted pair cut off", at);
        }
        value.append(text.charAt(at++));
      } else if (c != '\r' && c != '\n') {
        // A folded quoted string loses its line break, not the white space after it.
        value.append(c);
      }
    }
  }

  /** A method, result, ptype or property name: letters, digits, '-' and '_'; lower case. */
  private String keyword() throws Malformed {
    int start = at;
    while (!atEnd()) {
      char c = peek();
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
        break;
      }
      at++;
    }
    if (start == at) {
      throw new Malformed("a keyword expected", at);
    }
    return text.substring(start, at).toLowerCase(Locale.ROOT);
  }

  private String digits() throws Malformed {
    int start = at;
    while (!atEnd() && peek() >= '0' && peek() <= '9') {
      at++;
    }
    if (start == at) {
      throw new Malformed("digits expected", at);
    }
    return text.substring(start, at);
  }

  /** White space, line folds and comments ({@code (a (nested) comment \) too)}). */
  void skipCfws() throws Malformed {
    while (!atEnd()) {
      char c = peek();
      if (isWhitespace(c)) {
        at++;
      } else if (c == '(') {
        skipComment();
      } else {
        return;
      }
    }
  }

  private void skipComment() throws Malformed {
    int depth = 0;
    do {
      if (atEnd()) {
        throw new Malformed("an unterminated comment", at);
      }
      char c = text.charAt(at++);
      if (c == '\\') {
        if (atEnd()) {
          throw new Malformed("a quoted pair cut off", at);
        }
        at++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
    } while (depth > 0);
  }

  private void expect(char wanted) throws Malformed {
    if (atEnd() || peek() != wanted) {
      throw new Malformed("'" + wanted + "' expected", at);
    }
    at++;
  }

  private boolean atEnd() {
    return at >= text.length();
  }

  private char peek() {
    return text.charAt(at);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** RFC 2045 token characters; UTF-8 beyond ASCII is allowed too (RFC 6532). */
  private static boolean isTokenChar(char c) {
    return c > ' ' && c != 127 && TSPECIALS.indexOf(c) < 0;
  }
}
