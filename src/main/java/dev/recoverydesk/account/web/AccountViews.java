package dev.recoverydesk.account.web;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The account as JSON: in full for the administrator who wrote it, masked for agents. */
final class AccountViews {

  private AccountViews() {}

  record View(
      String username,
      String displayName,
      String email,
      List<String> previousEmails,
      String phone,
      String carrier,
      String locale,
      LocalDate createdAt,
      Account.TwoFactor twoFactor,
      List<Device> devices,
      List<Post> recentPosts,
      List<String> following,
      String timeZone) {}

  record Device(String name, String browser, Instant lastSeen, String country) {}

  record Post(LocalDate postedAt, String text) {}

  static View full(Account account) {
    return view(
        account,
        account.email().value(),
        account.previousEmails().stream().map(EmailAddress::value).toList(),
        account.phoneNumber().map(PhoneNumber::e164).orElse(null));
  }

  /** The contract's masking: {@code a•••e@example.com}, {@code +81 •••••• 5678}. */
  static View masked(Account account) {
    return view(
        account,
        account.email().masked(),
        account.previousEmails().stream().map(EmailAddress::masked).toList(),
        account.phoneNumber().map(PhoneNumber::masked).orElse(null));
  }

  private static View view(
      Account account, String email, List<String> previousEmails, String phone) {
    return new View(
        account.username(),
        account.displayName(),
        email,
        previousEmails,
        phone,
        account.carrier(),
        account.locale(),
        account.createdAt(),
        account.twoFactor(),
        account.devices().stream()
            .map(d -> new Device(d.name(), d.browser(), d.lastSeen(), d.country()))
            .toList(),
        account.recentPosts().stream().map(p -> new Post(p.postedAt(), p.text())).toList(),
        account.following(),
        account.timeZone() == null ? null : account.timeZone().getId());
  }
}
