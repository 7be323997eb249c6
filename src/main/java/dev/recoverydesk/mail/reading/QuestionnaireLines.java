package dev.recoverydesk.mail.reading;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.verification.Questionnaire;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of the questionnaire itself, as users answer it: a number in any of the contract's
 * styles ({@code 1.}, {@code 1)}, {@code 1:}, {@code Q1}, {@code A1:}, {@code １．}, {@code 1：},
 * {@code (1)}, {@code ①}, {@code 【1】}), a question's own words (from {@link Questionnaire}, in
 * English or Japanese, pasted whole, cut at its bracket, or wrapped by a client over two lines), a
 * label ({@code Answer:}, {@code 回答：}), and the line that ends the questions.
 */
final class QuestionnaireLines {

  /** The questions' numbers, as digits (half and full width), and as circled numbers. */
  private static final char LAST = (char) ('0' + Questionnaire.QUESTIONS.size());

  private static final String DIGIT = "([1-" + LAST + "１-" + (char) ('０' + LAST - '0') + "])";

  /** A numbered line: an optional Q/A/問 prefix, the number, a separator, the rest. */
  private static final Pattern NUMBERED =
      Pattern.compile(
          "\\s*+(?:(?:[QqＱｑAaＡａ]|問|質問|回答|答)\\s*+[.．]?\\s*+)?"
              + ("(?:[(（]\\s*+" + DIGIT + "\\s*+[)）]|[【\\[]\\s*+" + DIGIT + "\\s*+[】\\]]")
              + ("|" + DIGIT + "(?:\\s*+[.．。)）:：、,，-]|(?=\\s))")
              + ("|([①-" + (char) ('①' + LAST - '1') + "]))")
              + "\\s*+(.*)");

  /** Only with a Q/A prefix may a plain space follow the number (so "2019 April" is no number). */
  private static final Pattern PREFIXED = Pattern.compile("\\s*+(?:[QqＱｑAaＡａ]|問|質問|回答|答)");

  private static final Pattern LABEL =
      Pattern.compile("(?:answer|ans|a|回答|答え|答)\\s?[:：.．]\\s*+", Pattern.CASE_INSENSITIVE);

  /** What may stand between a pasted question and its answer. */
  private static final Pattern SEPARATOR = Pattern.compile("[\\s:：?？.．\\-–—→=]++");

  /** A question's words, loosely: per language, whole and cut at its bracket. */
  private record Asked(int number, String whole, String shortened) {}

  private static final List<Asked> ASKED = new ArrayList<>();

  /** The first character of every question, loosely. */
  private static final String FIRST_CHARACTERS;

  private static final List<String> ENDS = new ArrayList<>();

  static {
    for (var question : Questionnaire.QUESTIONS) {
      for (var language : Language.values()) {
        var text = question.text(language);
        ASKED.add(
            new Asked(
                question.number(), loose(text), loose(text.replaceAll("[(（].*$", "").strip())));
      }
    }
    for (var language : Language.values()) {
      ENDS.add(loose(Questionnaire.end(language)));
    }
    var firsts = new StringBuilder();
    for (Asked asked : ASKED) {
      firsts.append(asked.whole().charAt(0));
    }
    FIRST_CHARACTERS = firsts.toString();
  }

  private QuestionnaireLines() {}

  /** A line that starts with a question's number. */
  record Numbered(int number, String rest) {}

  /** The line's number and what follows it, or null when it starts with none. */
  static Numbered numbered(String line) {
    Matcher matcher = NUMBERED.matcher(line);
    if (!matcher.matches()) {
      return null;
    }
    int group = 0;
    for (int g = 1; g <= 4; g++) {
      if (matcher.group(g) != null) {
        group = g;
        break;
      }
    }
    if (group == 3 && !separatorOrPrefix(line, matcher)) {
      return null;
    }
    var digit = matcher.group(group).charAt(0);
    int number = group == 4 ? digit - '①' + 1 : Character.getNumericValue(digit);
    return new Numbered(number, matcher.group(5));
  }

  private static boolean separatorOrPrefix(String line, Matcher numbered) {
    // "2 " after a bare number is only a number with a Q/A prefix; "2." "2)" "2:" always are.
    var after = line.substring(numbered.end(3)).stripLeading();
    boolean separator = !after.isEmpty() && ".．。)）:：、,，-".indexOf(after.charAt(0)) >= 0;
    return separator || PREFIXED.matcher(line).lookingAt();
  }

  /** The text without a leading "Answer:" / "回答：". */
  static String withoutLabel(String text) {
    var strip = text.strip();
    var label = LABEL.matcher(strip);
    return label.lookingAt() ? strip.substring(label.end()) : strip;
  }

  /**
   * A question's words at the start of a text.
   *
   * @param number the question
   * @param end where its words end in the text
   * @param complete whether they are all there (else a client wrapped the line, or cut it)
   * @param missing the loose words still to come on the next line, when not complete
   */
  record Asking(int number, int end, boolean complete, String missing) {}

  /**
   * Which question the text starts with, if any: its words whole, cut at the bracket, or (for a
   * line a client wrapped) a start of at least twelve of their characters that ends with the text.
   */
  static Asking asking(String text) {
    int first = 0;
    while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    if (first == text.length() || FIRST_CHARACTERS.indexOf(loose(text.charAt(first))) < 0) {
      // Most lines start like no question: passed over without comparing each.
      return null;
    }
    Asking best = null;
    for (Asked asked : ASKED) {
      var found = startsWith(text, asked);
      if (found != null
          && (best == null || found.end() > best.end() || found.complete() && !best.complete())) {
        best = found;
      }
    }
    return best;
  }

  private static Asking startsWith(String text, Asked asked) {
    var whole = asked.whole();
    int matched = 0;
    int shortEnd = -1;
    int i = 0;
    for (; i < text.length(); i++) {
      var c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      if (c < 0x80) {
        // ASCII, folded without a string of its own
        if (matched >= whole.length() || whole.charAt(matched) != Character.toLowerCase(c)) {
          break;
        }
        matched++;
      } else {
        var folded = loose(c);
        if (!whole.startsWith(folded, matched)) {
          break;
        }
        matched += folded.length();
      }
      if (matched == asked.shortened().length()) {
        shortEnd = i + 1;
      }
      if (matched == whole.length()) {
        return new Asking(asked.number(), i + 1, true, "");
      }
    }
    if (shortEnd > 0) {
      return new Asking(asked.number(), shortEnd, true, "");
    }
    boolean wholeTextRead = i == text.length();
    if (wholeTextRead && matched >= Math.min(12, asked.shortened().length())) {
      return new Asking(asked.number(), text.length(), false, whole.substring(matched));
    }
    return null;
  }

  /** Whether the text goes on with the words a wrapped question line missed. */
  static boolean continues(String text, String missing) {
    var words = loose(text);
    return !words.isEmpty() && missing.startsWith(words);
  }

  /** What follows a question's words, without the separator ("?", ":", "→") before the answer. */
  static String afterQuestion(String text, Asking asking) {
    var rest = text.substring(asking.end());
    var separator = SEPARATOR.matcher(rest);
    return separator.lookingAt() ? rest.substring(separator.end()) : rest;
  }

  /** Whether the words after a question are set off from it, as a pasted answer is. */
  static boolean separated(String text, Asking asking) {
    var rest = text.substring(asking.end()).strip();
    return rest.isEmpty() || ":：?？→=-–—.．".indexOf(rest.charAt(0)) >= 0;
  }

  /** The line that closes the questions: "(End of questions)", "（質問はここまで）". */
  static boolean end(String text) {
    var strip = text.strip();
    if (strip.isEmpty() || strip.length() > 80 || "(（".indexOf(strip.charAt(0)) < 0) {
      return false;
    }
    var words = loose(text);
    return !words.isEmpty() && words.length() <= 40 && ENDS.contains(words);
  }

  /** Compared loosely: width and case folded, no white space. */
  static String loose(String text) {
    var out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      var c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        out.append(loose(c));
      }
    }
    return out.toString();
  }

  private static String loose(char c) {
    if (c < 0x80) {
      return String.valueOf(Character.toLowerCase(c));
    }
    if (c == '\u3000') {
      return "";
    }
    return Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
