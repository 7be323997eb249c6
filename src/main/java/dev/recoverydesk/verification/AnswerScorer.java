package dev.recoverydesk.verification;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.verification.IdentityScore.Line;
import java.text.Normalizer;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores questionnaire answers against an account's facts. Answers are compared loosely, the way
 * people remember: addresses in any case, phone numbers as numbers whatever their format, the
 * creation month give or take one, a post by its words (Japanese too), followed accounts by
 * overlap, devices by name.
 */
public final class AnswerScorer {

  static final int EMAIL = 25;
  static final int PHONE = 20;
  static final int CREATED = 15;
  static final int POST = 15;
  static final int FOLLOWING = 15;
  static final int DEVICES = 10;

  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\"'，、,;；]+@[^\\s<>()\"'，、,;；]+");
  private static final Pattern YEAR = Pattern.compile("(19|20)\\d{2}");
  private static final Pattern HANDLE = Pattern.compile("@?([a-z0-9_]{1,30})");

  private AnswerScorer() {}

  public static IdentityScore score(Optional<Account> account, Map<Integer, String> answers) {
    if (account.isEmpty()) {
      var lines = new ArrayList<Line>();
      int[] max = {EMAIL, PHONE, CREATED, POST, FOLLOWING, DEVICES};
      for (int q = 1; q <= 6; q++) {
        lines.add(new Line(q, 0, max[q - 1], "nothing to compare with"));
      }
      return new IdentityScore(0, lines);
    }
    var facts = account.get();
    var lines =
        List.of(
            email(facts, answers.get(1)),
            phone(facts, answers.get(2)),
            created(facts, answers.get(3)),
            post(facts, answers.get(4)),
            following(facts, answers.get(5)),
            devices(facts, answers.get(6)));
    return new IdentityScore(lines.stream().mapToInt(Line::points).sum(), lines);
  }

  static Line email(Account facts, String answer) {
    if (blank(answer)) {
      return new Line(1, 0, EMAIL, "not answered");
    }
    var matcher = ADDRESS.matcher(nfkc(answer));
    while (matcher.find()) {
      var given = EmailAddress.parse(matcher.group());
      if (given.isEmpty()) {
        continue;
      }
      if (given.get().equals(facts.email())) {
        return new Line(1, EMAIL, EMAIL, "the registered address");
      }
      if (facts.previousEmails().contains(given.get())) {
        return new Line(1, EMAIL, EMAIL, "an address the account used before");
      }
    }
    return new Line(1, 0, EMAIL, "no address on the account");
  }

  static Line phone(Account facts, String answer) {
    if (blank(answer)) {
      return new Line(2, 0, PHONE, "not answered");
    }
    if (facts.phoneNumber().isEmpty()) {
      return new Line(2, 0, PHONE, "the account has no phone");
    }
    var known = facts.phoneNumber().get();
    var util = PhoneNumberUtil.getInstance();
    var region = util.getRegionCodeForCountryCode(known.countryCode());
    try {
      var given = util.parse(nfkc(answer), region);
      var match = util.isNumberMatch(given, util.parse(known.e164(), region));
      if (match == PhoneNumberUtil.MatchType.EXACT_MATCH
          || match == PhoneNumberUtil.MatchType.NSN_MATCH) {
        return new Line(2, PHONE, PHONE, "the number on the account");
      }
    } catch (NumberParseException notANumber) {
      // Fall through to the last digits.
    }
    var digits = nfkc(answer).replaceAll("\\D", "");
    if (digits.length() >= 4 && digits.endsWith(known.lastFour())) {
      return new Line(2, 5, PHONE, "the same last four digits only");
    }
    return new Line(2, 0, PHONE, "not the number on the account");
  }

  static Line created(Account facts, String answer) {
    if (blank(answer)) {
      return new Line(3, 0, CREATED, "not answered");
    }
    if (facts.createdAt() == null) {
      return new Line(3, 0, CREATED, "the creation date is not known");
    }
    var actual = YearMonth.from(facts.createdAt());
    var given = yearMonth(nfkc(answer));
    if (given.isPresent()) {
      long months =
          Math.abs(
              given.get().getYear() * 12L
                  + given.get().getMonthValue()
                  - (actual.getYear() * 12L + actual.getMonthValue()));
      if (months <= 1) {
        return new Line(3, CREATED, CREATED, "within a month of " + actual);
      }
      if (given.get().getYear() == actual.getYear()) {
        return new Line(3, 5, CREATED, "the right year only");
      }
      return new Line(3, 0, CREATED, "not " + actual);
    }
    var year = YEAR.matcher(nfkc(answer));
    if (year.find() && Integer.parseInt(year.group()) == actual.getYear()) {
      return new Line(3, 5, CREATED, "the right year only");
    }
    return new Line(3, 0, CREATED, "no matching year and month");
  }

  static Line post(Account facts, String answer) {
    if (blank(answer)) {
      return new Line(4, 0, POST, "not answered");
    }
    double best = 0;
    for (Account.Post post : facts.recentPosts()) {
      best = Math.max(best, similarity(answer, post.text()));
    }
    if (best >= 0.3) {
      return new Line(4, POST, POST, "close to a recent post");
    }
    if (best >= 0.15) {
      return new Line(4, 7, POST, "somewhat like a recent post");
    }
    return new Line(4, 0, POST, "like no recent post");
  }

  static Line following(Account facts, String answer) {
    if (blank(answer)) {
      return new Line(5, 0, FOLLOWING, "not answered");
    }
    var followed = new HashSet<>(facts.following());
    Set<String> named = new HashSet<>();
    Matcher handle = HANDLE.matcher(nfkc(answer).toLowerCase(Locale.ROOT));
    while (handle.find()) {
      if (followed.contains(handle.group(1))) {
        named.add(handle.group(1));
      }
    }
    int points = Math.min(FOLLOWING, named.size() * 5);
    return new Line(5, points, FOLLOWING, named.size() + " followed account(s) named");
  }

  static Line devices(Account facts, String answer) {
    if (blank(answer)) {
      return new Line(6, 0, DEVICES, "not answered");
    }
    var text = loose(answer);
    for (Account.Device device : facts.devices()) {
      if (device.name() != null && text.contains(loose(device.name()))) {
        return new Line(6, DEVICES, DEVICES, "a device the account uses");
      }
    }
    for (Account.Device device : facts.devices()) {
      if (device.browser() != null && text.contains(loose(device.browser()))) {
        return new Line(6, 5, DEVICES, "a browser the account uses");
      }
    }
    return new Line(6, 0, DEVICES, "no device of the account");
  }

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

  private static Optional<YearMonth> yearMonth(String text) {
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

  private static String nfkc(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC);
  }

  private static String loose(String text) {
    return nfkc(text).toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Punct}、。「」・]+", "");
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
