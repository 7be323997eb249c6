package dev.recoverydesk.verification;

import java.text.Normalizer;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Answers read the way people write them: width folded, punctuation and case ignored, a month and
 * year in any of the usual forms (Japanese too), words compared by their character pairs.
 */
final class LooseText {

  static final Pattern YEAR = Pattern.compile("(19|20)\\d{2}");

  private LooseText() {}

  /** Dice coefficient of character bigrams: works for Japanese, which has no spaces. */
  static double similarity(String a, String b) {
    var left = bigrams(loose(a));
    var right = bigrams(loose(b));
    if (left.isEmpty() || right.isEmpty()) {
      return 0;
    }
    var common = new ArrayList<>(left);
    common.retainAll(new HashSet<>(right));
    return 2.0
        * new HashSet<>(common).size()
        / (new HashSet<>(left).size() + new HashSet<>(right).size());
  }

  private static List<String> bigrams(String text) {
    var grams = new ArrayList<String>();
    for (int i = 0; i + 1 < text.length(); i++) {
      grams.add(text.substring(i, i + 2));
    }
    return grams;
  }

  static Optional<YearMonth> yearMonth(String text) {
    var japanese = Pattern.compile("((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月").matcher(text);
    if (japanese.find()) {
      return of(japanese.group(1), japanese.group(2));
    }
    var numeric = Pattern.compile("((?:19|20)\\d{2})\\s*[-/.]\\s*(\\d{1,2})(?!\\d)").matcher(text);
    if (numeric.find()) {
      return of(numeric.group(1), numeric.group(2));
    }
    var monthFirst =
        Pattern.compile("(?<!\\d)(\\d{1,2})\\s*[-/.]\\s*((?:19|20)\\d{2})").matcher(text);
    if (monthFirst.find()) {
      return of(monthFirst.group(2), monthFirst.group(1));
    }
    var lower = text.toLowerCase(Locale.ROOT);
    var year = YEAR.matcher(lower);
    if (year.find()) {
      for (Month month : Month.values()) {
        var full = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        var brief = full.substring(0, 3);
        if (lower.contains(full) || Pattern.compile("\\b" + brief + "\\b").matcher(lower).find()) {
          return Optional.of(YearMonth.of(Integer.parseInt(year.group()), month));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<YearMonth> of(String year, String month) {
    int m = Integer.parseInt(month);
    return m >= 1 && m <= 12
        ? Optional.of(YearMonth.of(Integer.parseInt(year), m))
        : Optional.empty();
  }

  static String nfkc(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC);
  }

  static String loose(String text) {
    return nfkc(text).toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}、。「」・]+", "");
  }
}
