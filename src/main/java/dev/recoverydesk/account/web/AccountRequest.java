package dev.recoverydesk.account.web;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.system.InvalidRequestException;
import dev.recoverydesk.system.InvalidRequestException.FieldError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The body of {@code POST /api/accounts}, checked field by field into an {@link Account}. */
record AccountRequest(
    String username,
    String displayName,
    String email,
    List<String> previousEmails,
    String phone,
    String carrier,
    String locale,
    LocalDate createdAt,
    TwoFactor twoFactor,
    List<Device> devices,
    List<Post> recentPosts,
    List<String> following,
    String timeZone) {

  record TwoFactor(Boolean sms, Boolean totp, Boolean push) {}

  record Device(String name, String browser, Instant lastSeen, String country, String deviceId) {}

  record Post(LocalDate postedAt, String text) {}

  Account toAccount(LocalDate today, DeviceIds deviceIds) {
    var errors = new ArrayList<FieldError>();
    var canonicalUsername = Usernames.canonical(username);
    if (canonicalUsername.isEmpty()) {
      errors.add(new FieldError("username", "must be 1 to 30 letters, digits or underscores"));
    }
    var name = displayName == null || displayName.isBlank() ? username : displayName.strip();
    text(errors, "displayName", name, 100);
    var mainEmail = email(errors, "email", email);
    var previous = new ArrayList<EmailAddress>();
    limit(errors, "previousEmails", previousEmails, 20);
    for (int i = 0; previousEmails != null && i < previousEmails.size(); i++) {
      var parsed = email(errors, "previousEmails[" + i + "]", previousEmails.get(i));
      if (parsed != null) {
        previous.add(parsed);
      }
    }
    PhoneNumber phoneNumber = null;
    if (phone != null && !phone.isBlank()) {
      try {
        phoneNumber = new PhoneNumber(phone);
      } catch (IllegalArgumentException e) {
        errors.add(
            new FieldError(
                "phone", "must be a phone number with its country code, like +819012345678"));
      }
    }
    text(errors, "carrier", carrier, 60);
    var language = language(errors);
    var zone = zone(errors);
    if (createdAt != null && createdAt.isAfter(today)) {
      errors.add(new FieldError("createdAt", "must not be in the future"));
    }
    var factors =
        twoFactor == null
            ? new Account.TwoFactor(false, false, false)
            : new Account.TwoFactor(
                Boolean.TRUE.equals(twoFactor.sms()),
                Boolean.TRUE.equals(twoFactor.totp()),
                Boolean.TRUE.equals(twoFactor.push()));
    var deviceFacts = devices(errors, deviceIds);
    var postFacts = posts(errors);
    var followed = new ArrayList<String>();
    limit(errors, "following", following, 1000);
    for (int i = 0; following != null && i < following.size(); i++) {
      var followedName = Usernames.canonical(following.get(i));
      if (followedName.isEmpty()) {
        errors.add(new FieldError("following[" + i + "]", "must be a username"));
      } else {
        followed.add(followedName.get());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new Account(
        canonicalUsername.get(),
        name,
        mainEmail,
        previous,
        phoneNumber,
        carrier == null || carrier.isBlank() ? null : carrier.strip(),
        language,
        createdAt,
        factors,
        deviceFacts,
        postFacts,
        followed,
        zone);
  }

  /** An IANA zone id such as {@code Asia/Tokyo}, or none. */
  private ZoneId zone(List<FieldError> errors) {
    if (timeZone == null || timeZone.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      errors.add(new FieldError("timeZone", "must be a time zone such as Asia/Tokyo"));
      return null;
    }
  }

  private String language(List<FieldError> errors) {
    if (locale == null || locale.isBlank()) {
      return Language.EN.tag();
    }
    var language = Language.ofLocaleTag(locale);
    if (language.isEmpty()) {
      errors.add(new FieldError("locale", "must be ja or en"));
      return null;
    }
    return language.get().tag();
  }

  private List<Account.Device> devices(List<FieldError> errors, DeviceIds deviceIds) {
    var facts = new ArrayList<Account.Device>();
    limit(errors, "devices", devices, 50);
    for (int i = 0; devices != null && i < devices.size(); i++) {
      var device = devices.get(i);
      var field = "devices[" + i + "]";
      if (device == null) {
        errors.add(new FieldError(field, "must be an object"));
        continue;
      }
      text(errors, field + ".name", device.name(), 100);
      text(errors, field + ".browser", device.browser(), 100);
      var country =
          device.country() == null ? null : device.country().strip().toUpperCase(Locale.ROOT);
      if (country != null && !country.matches("[A-Z]{2}")) {
        errors.add(new FieldError(field + ".country", "must be a two-letter country code"));
      }
      String idDigest = null;
      if (device.deviceId() != null) {
        if (DeviceIds.wellFormed(device.deviceId())) {
          idDigest = deviceIds.digest(device.deviceId());
        } else {
          errors.add(
              new FieldError(
                  field + ".deviceId", "must be 16 to 200 visible ASCII characters, no spaces"));
        }
      }
      facts.add(
          new Account.Device(
              device.name(), device.browser(), device.lastSeen(), country, idDigest));
    }
    return facts;
  }

  private List<Account.Post> posts(List<FieldError> errors) {
    var facts = new ArrayList<Account.Post>();
    limit(errors, "recentPosts", recentPosts, 100);
    for (int i = 0; recentPosts != null && i < recentPosts.size(); i++) {
      var post = recentPosts.get(i);
      var field = "recentPosts[" + i + "]";
      if (post == null || post.text() == null || post.text().isBlank()) {
        errors.add(new FieldError(field + ".text", "is required"));
        continue;
      }
      text(errors, field + ".text", post.text(), 1000);
      facts.add(new Account.Post(post.postedAt(), post.text()));
    }
    return facts;
  }

  private static EmailAddress email(List<FieldError> errors, String field, String text) {
    if (text == null || text.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    var parsed = EmailAddress.parse(text);
    if (parsed.isEmpty() || parsed.get().value().length() > 320) {
      errors.add(new FieldError(field, "must be one email address"));
      return null;
    }
    return parsed.get();
  }

  private static void text(List<FieldError> errors, String field, String text, int max) {
    if (text != null && text.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
  }

  private static void limit(List<FieldError> errors, String field, List<?> list, int max) {
    if (list != null && list.size() > max) {
      errors.add(new FieldError(field, "must have at most " + max + " entries"));
    }
  }
}
