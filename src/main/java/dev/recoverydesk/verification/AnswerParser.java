package dev.recoverydesk.verification;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads questionnaire answers out of a plain-text reply, as people write them from any client:
 * {@code 1. x}, {@code 1) x}, {@code 1: x}, {@code Q1 x}, {@code A1: x}, full-width {@code １．x} or
 * {@code 1：x}, {@code (1)}, {@code ①}, the question pasted before the answer, or the answer typed
 * on the lines under a question, inside the quoted questionnaire or not.
 *
 * <p>Quoted text never counts as an answer: it is what we (or an earlier reply) wrote. The first
 * answer to a question wins, because replies put the newest text on top. Answers are returned as
 * written: labels, the pasted question, quote markers, signatures and footers removed, nothing
 * normalised or rewritten.
 */
public final class AnswerParser {

  private static final Pattern QUOTE_MARKERS = Pattern.compile("^(\\s*[>＞|])+\\s?");

  /** A numbered line: an optional Q/A/問 prefix, the number, a separator, the rest. */
  private static final Pattern NUMBERED =
      Pattern.compile(
          "^\\s*(?:(?:[QqＱｑAaＡａ]|問|質問|回答|答)\\s*[.．]?\\s*)?"
              + "(?:[(（]\\s*([1-6１-６])\\s*[)）]|([1-6１-６])\\s*(?:[.．。)）:：、,，-]|(?=\\s))|([①-⑥]))"
              + "\\s*(.*)$");

  /** Only with a Q/A prefix may a plain space follow the number (so "2019 April" is no number). */
  private static final Pattern PREFIXED = Pattern.compile("^\\s*(?:[QqＱｑAaＡａ]|問|質問|回答|答)");

  private static final Pattern LABEL =
      Pattern.compile("^(?:answer|ans|a|回答|答え|答)\\s*[:：.．]\\s*", Pattern.CASE_INSENSITIVE);

  private static final Pattern SEPARATOR = Pattern.compile("^[\\s:：?？.．\\-–—→=]+");

  private static final Pattern SIGNATURE =
      Pattern.compile(
          "^(-- ?|—|_{5,}|Sent from my .+|Get Outlook for .+|iPhoneから送信|"
              + "Android(から|端末から)送信.*|.*から送信$)$");

  private static final Pattern QUOTE_HEADER =
      Pattern.compile(
          "^(On\\b.{0,300}\\bwrote:|-{2,}\\s*(Original Message|元のメッセージ)\\s*-{2,}"
              + "|.{0,40}\\d{4}年\\s*\\d{1,2}月\\s*\\d{1,2}日.{0,200}[:：]"
              + "|.{0,200}(のメッセージ|が書きました)[:：])$",
          Pattern.CASE_INSENSITIVE);

  private AnswerParser() {}

  /** The answers by question number; a question without an answer is absent. */
  public static SortedMap<Integer, String> parse(String text) {
    var answers = new TreeMap<Integer, List<String>>();
    if (text == null) {
      return Collections.emptySortedMap();
    }
    int current = 0;
    for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
      var marker = QUOTE_MARKERS.matcher(line);
      boolean quoted = marker.find();
      var content = quoted ? line.substring(marker.end()) : line;
      var trimmed = content.strip();
      if (!quoted && SIGNATURE.matcher(trimmed).matches()) {
        break;
      }
      if (isEnd(trimmed) || QUOTE_HEADER.matcher(trimmed).matches()) {
        current = 0;
        continue;
      }
      var numbered = NUMBERED.matcher(trimmed);
      if (numbered.matches()
          && (numbered.group(2) == null || separatorOrPrefix(trimmed, numbered))) {
        int number = number(numbered);
        var rest = withoutQuestion(number, withoutLabel(numbered.group(4)));
        // A question answered before (newer text comes first) keeps that answer.
        current = answers.containsKey(number) ? -1 : number;
        if (!quoted && current > 0 && !rest.isBlank()) {
          answers.computeIfAbsent(number, n -> new ArrayList<>()).add(rest.strip());
        }
        continue;
      }
      if (current > 0 && !quoted && !trimmed.isEmpty()) {
        answers.computeIfAbsent(current, n -> new ArrayList<>()).add(withoutLabel(trimmed));
      }
    }
    var result = new TreeMap<Integer, String>();
    answers.forEach((number, lines) -> result.put(number, String.join("\n", lines).strip()));
    result.values().removeIf(String::isBlank);
    return result;
  }

  private static boolean separatorOrPrefix(String line, java.util.regex.Matcher numbered) {
    // "2 " after a bare number is only a number with a Q/A prefix; "2." "2)" "2:" always are.
    var after = line.substring(numbered.end(2)).stripLeading();
    boolean separator = !after.isEmpty() && ".．。)）:：、,，-".indexOf(after.charAt(0)) >= 0;
    return separator || PREFIXED.matcher(line).find();
  }

  private static int number(java.util.regex.Matcher numbered) {
    for (int group = 1; group <= 3; group++) {
      var digit = numbered.group(group);
      if (digit != null) {
        var c = digit.charAt(0);
        return c >= '①' && c <= '⑥' ? c - '①' + 1 : Character.getNumericValue(c);
      }
    }
    throw new IllegalStateException();
  }

  private static String withoutLabel(String text) {
    return LABEL.matcher(text.strip()).replaceFirst("");
  }

  /** Removes the question's own words when a user pasted them before the answer. */
  private static String withoutQuestion(int number, String rest) {
    var question = Questionnaire.QUESTIONS.get(number - 1);
    for (String asked : new String[] {question.en(), question.ja()}) {
      int end = prefixEnd(rest, asked);
      if (end > 0) {
        return SEPARATOR.matcher(rest.substring(end)).replaceFirst("");
      }
    }
    return rest;
  }

  /**
   * Where the question ends in {@code text} when the text starts with it, compared loosely (case,
   * width, spacing); 0 when it does not. A question shortened at its bracket counts too.
   */
  private static int prefixEnd(String text, String question) {
    var full = loose(question);
    var shortQuestion = loose(question.replaceAll("[(（].*$", ""));
    var seen = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      seen.append(loose(String.valueOf(text.charAt(i))));
      var sofar = seen.toString();
      if (sofar.equals(full)) {
        return i + 1;
      }
      if (!full.startsWith(sofar)) {
        return sofar.length() > 0 && loose(text.substring(0, i)).equals(shortQuestion) ? i : 0;
      }
    }
    return loose(text).equals(shortQuestion) ? text.length() : 0;
  }

  private static String loose(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", "");
  }

  private static boolean isEnd(String line) {
    return Questionnaire.END.values().stream().anyMatch(end -> loose(line).equals(loose(end)));
  }
}
