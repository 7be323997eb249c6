package dev.recoverydesk.account;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the desk knows about an account: the facts an identity check compares answers with, and
 * which second factors are on.
 *
 * @param username lower case, the account's handle
 * @param phone may be absent (an account with only an authenticator app)
 * @param locale {@code ja} or {@code en}: the language of every mail about the account
 * @param timeZone the zone the account chose for the times it is shown, or {@code null} (then its
 *     language decides: see {@link dev.recoverydesk.common.UserTime})
 */
public record Account(
    String username,
    String displayName,
    EmailAddress email,
    List<EmailAddress> previousEmails,
    PhoneNumber phone,
    String carrier,
    String locale,
    LocalDate createdAt,
    TwoFactor twoFactor,
    List<Device> devices,
    List<Post> recentPosts,
    List<String> following,
    ZoneId timeZone) {

  /** An account that has chosen no time zone of its own. */
  public Account(
      String username,
      String displayName,
      EmailAddress email,
      List<EmailAddress> previousEmails,
      PhoneNumber phone,
      String carrier,
      String locale,
      LocalDate createdAt,
      TwoFactor twoFactor,
      List<Device> devices,
      List<Post> recentPosts,
      List<String> following) {
    this(
        username,
        displayName,
        email,
        previousEmails,
        phone,
        carrier,
        locale,
        createdAt,
        twoFactor,
        devices,
        recentPosts,
        following,
        null);
  }

  public Account {
    previousEmails = List.copyOf(previousEmails);
    devices = List.copyOf(devices);
    recentPosts = List.copyOf(recentPosts);
    following = List.copyOf(following);
  }

  /**
   * Who to write to about the account: what a notice needs, none of the identity facts.
   *
   * @param phone may be absent, as on the account
   */
  public record Contact(
      String username,
      String displayName,
      EmailAddress email,
      PhoneNumber phone,
      String locale,
      ZoneId timeZone) {

    public Contact(
        String username, String displayName, EmailAddress email, PhoneNumber phone, String locale) {
      this(username, displayName, email, phone, locale, null);
    }

    public Optional<PhoneNumber> phoneNumber() {
      return Optional.ofNullable(phone);
    }

    /** The zone the account chose, if it did. */
    public Optional<ZoneId> ownZone() {
      return Optional.ofNullable(timeZone);
    }
  }

  public Contact contact() {
    return new Contact(username, displayName, email, phone, locale, timeZone);
  }

  public Optional<PhoneNumber> phoneNumber() {
    return Optional.ofNullable(phone);
  }

  /** The same account with other second factors on. */
  public Account withTwoFactor(TwoFactor factors) {
    return new Account(
        username,
        displayName,
        email,
        previousEmails,
        phone,
        carrier,
        locale,
        createdAt,
        factors,
        devices,
        recentPosts,
        following,
        timeZone);
  }

  /** The same account signing in from other devices. */
  public Account withDevices(List<Device> signedInFrom) {
    return new Account(
        username,
        displayName,
        email,
        previousEmails,
        phone,
        carrier,
        locale,
        createdAt,
        twoFactor,
        signedInFrom,
        recentPosts,
        following,
        timeZone);
  }

  /** The same account with other recent posts. */
  public Account withRecentPosts(List<Post> posts) {
    return new Account(
        username,
        displayName,
        email,
        previousEmails,
        phone,
        carrier,
        locale,
        createdAt,
        twoFactor,
        devices,
        posts,
        following);
  }

  /** The second factors the account has switched on. */
  public record TwoFactor(boolean sms, boolean totp, boolean push) {}

  /**
   * A device or browser the account signs in from.
   *
   * @param idDigest the keyed digest ({@link DeviceIds}) of the identifier the platform gave the
   *     device, such as its device cookie; absent when the platform named none
   */
  public record Device(
      String name, String browser, Instant lastSeen, String country, String idDigest) {

    public Device(String name, String browser, Instant lastSeen, String country) {
      this(name, browser, lastSeen, country, null);
    }
  }

  /** A recent post, as the user might remember it. */
  public record Post(LocalDate postedAt, String text) {}
}
