package dev.recoverydesk.verification;

import static dev.recoverydesk.verification.Question.CREATED;
import static dev.recoverydesk.verification.Question.DEVICES;
import static dev.recoverydesk.verification.Question.EMAIL;
import static dev.recoverydesk.verification.Question.FOLLOWING;
import static dev.recoverydesk.verification.Question.PHONE;
import static dev.recoverydesk.verification.Question.POST;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.verification.IdentityScore.Line;
import java.time.YearMonth;
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

  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>()\"'，、,;；]+@[^\\s<>()\"'，、,;；]+");
  private static final Pattern HANDLE = Pattern.compile("@?([a-z0-9_]{1,30})");

  private AnswerScorer() {}

  public static IdentityScore score(Optional<Account> account, Map<Integer, String> answers) {
    if (account.isEmpty()) {
      var lines =
          Questionnaire.QUESTIONS.stream()
              .map(question -> line(question, 0, "nothing to compare with"))
              .toList();
      return new IdentityScore(0, lines);
    }
    var facts = account.get();
    var lines =
        List.of(
            email(facts, answers.get(EMAIL.number())),
            phone(facts, answers.get(PHONE.number())),
            created(facts, answers.get(CREATED.number())),
            post(facts, answers.get(POST.number())),
            following(facts, answers.get(FOLLOWING.number())),
            devices(facts, answers.get(DEVICES.number())));
    return new IdentityScore(lines.stream().mapToInt(Line::points).sum(), lines);
  }

  static Line email(Account facts, String answer) {
    if (blank(answer)) {
      return line(EMAIL, 0, "not answered");
    }
    var matcher = ADDRESS.matcher(LooseText.nfkc(answer));
    while (matcher.find()) {
      var given = EmailAddress.parse(matcher.group());
      if (given.isEmpty()) {
        continue;
      }
      if (given.get().equals(facts.email())) {
        return line(EMAIL, EMAIL.points(), "the registered address");
      }
      if (facts.previousEmails().contains(given.get())) {
        return line(EMAIL, EMAIL.points(), "an address the account used before");
      }
    }
    return line(EMAIL, 0, "no address on the account");
  }

  static Line phone(Account facts, String answer) {
    if (blank(answer)) {
      return line(PHONE, 0, "not answered");
    }
    if (facts.phoneNumber().isEmpty()) {
      return line(PHONE, 0, "the account has no phone");
    }
    var known = facts.phoneNumber().get();
    var util = PhoneNumberUtil.getInstance();
    var region = util.getRegionCodeForCountryCode(known.countryCode());
    try {
      var given = util.parse(LooseText.nfkc(answer), region);
      var match = util.isNumberMatch(given, util.parse(known.e164(), region));
      if (match == PhoneNumberUtil.MatchType.EXACT_MATCH
          || match == PhoneNumberUtil.MatchType.NSN_MATCH) {
        return line(PHONE, PHONE.points(), "the number on the account");
      }
    } catch (NumberParseException notANumber) {
      // Fall through to the last digits.
    }
    var digits = LooseText.nfkc(answer).replaceAll("\\D", "");
    if (digits.length() >= 4 && digits.endsWith(known.lastFour())) {
      return line(PHONE, 5, "the same last four digits only");
    }
    return line(PHONE, 0, "not the number on the account");
  }

  static Line created(Account facts, String answer) {
    if (blank(answer)) {
      return line(CREATED, 0, "not answered");
    }
    if (facts.createdAt() == null) {
      return line(CREATED, 0, "the creation date is not known");
    }
    var actual = YearMonth.from(facts.createdAt());
    var given = LooseText.yearMonth(LooseText.nfkc(answer));
    if (given.isPresent()) {
      long months =
          Math.abs(
              given.get().getYear() * 12L
                  + given.get().getMonthValue()
                  - (actual.getYear() * 12L + actual.getMonthValue()));
      if (months <= 1) {
        return line(CREATED, CREATED.points(), "within a month of " + actual);
      }
      if (given.get().getYear() == actual.getYear()) {
        return line(CREATED, 5, "the right year only");
      }
      return line(CREATED, 0, "not " + actual);
    }
    var year = LooseText.YEAR.matcher(LooseText.nfkc(answer));
    if (year.find() && Integer.parseInt(year.group()) == actual.getYear()) {
      return line(CREATED, 5, "the right year only");
    }
    return line(CREATED, 0, "no matching year and month");
  }

  static Line post(Account facts, String answer) {
    if (blank(answer)) {
      return line(POST, 0, "not answered");
    }
    double best = 0;
    for (Account.Post post : facts.recentPosts()) {
      best = Math.max(best, LooseText.similarity(answer, post.text()));
    }
    if (best >= 0.3) {
      return line(POST, POST.points(), "close to a recent post");
    }
    if (best >= 0.15) {
      return line(POST, 7, "somewhat like a recent post");
    }
    return line(POST, 0, "like no recent post");
  }

  static Line following(Account facts, String answer) {
    if (blank(answer)) {
      return line(FOLLOWING, 0, "not answered");
    }
    var followed = new HashSet<>(facts.following());
    Set<String> named = new HashSet<>();
    Matcher handle = HANDLE.matcher(LooseText.nfkc(answer).toLowerCase(Locale.ROOT));
    while (handle.find()) {
      if (followed.contains(handle.group(1))) {
        named.add(handle.group(1));
      }
    }
    int points = Math.min(FOLLOWING.points(), named.size() * 5);
    return line(FOLLOWING, points, named.size() + " followed account(s) named");
  }

  static Line devices(Account facts, String answer) {
    if (blank(answer)) {
      return line(DEVICES, 0, "not answered");
    }
    var text = LooseText.loose(answer);
    for (Account.Device device : facts.devices()) {
      if (device.name() != null && text.contains(LooseText.loose(device.name()))) {
        return line(DEVICES, DEVICES.points(), "a device the account uses");
      }
    }
    for (Account.Device device : facts.devices()) {
      if (device.browser() != null && text.contains(LooseText.loose(device.browser()))) {
        return line(DEVICES, 5, "a browser the account uses");
      }
    }
    return line(DEVICES, 0, "no device of the account");
  }

  private static Line line(Question question, int points, String why) {
    return new Line(question.number(), points, question.points(), why);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
