package dev.recoverydesk.account.embedded;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.PhoneNumber;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The accounts kept in the desk's own database. */
@Component
class EmbeddedAccountDirectory implements AccountDirectory {

  private final AccountRepository accounts;
  private final Clock clock;

  EmbeddedAccountDirectory(AccountRepository accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<Account> find(String username) {
    return Usernames.canonical(username).flatMap(accounts::findByUsername).map(this::toFacts);
  }

  /** The account's own row only: its lists (devices, posts, following) stay unread. */
  @Override
  @Transactional(readOnly = true)
  public Optional<Account.Contact> contact(String username) {
    return Usernames.canonical(username)
        .flatMap(accounts::findByUsername)
        .map(
            row ->
                new Account.Contact(
                    row.username,
                    row.displayName,
                    new EmailAddress(row.email),
                    row.phone == null ? null : new PhoneNumber(row.phone),
                    row.locale,
                    zone(row)));
  }

  @Override
  @Transactional
  public boolean save(Account account) {
    var existing = accounts.findByUsername(account.username());
    var row = existing.orElseGet(AccountEntity::new);
    if (existing.isPresent() && waysInChanged(row, account)) {
      row.factsChangedAt = clock.instant();
    }
    row.username = account.username();
    row.displayName = account.displayName();
    row.email = account.email().value();
    row.phone = account.phoneNumber().map(PhoneNumber::e164).orElse(null);
    row.carrier = account.carrier();
    row.locale = account.locale();
    row.timeZone = account.timeZone() == null ? null : account.timeZone().getId();
    row.createdOn = account.createdAt();
    row.smsEnabled = account.twoFactor().sms();
    row.totpEnabled = account.twoFactor().totp();
    row.pushEnabled = account.twoFactor().push();
    row.updatedAt = clock.instant();
    row.previousEmails.clear();
    account.previousEmails().forEach(email -> row.previousEmails.add(email.value()));
    row.devices.clear();
    for (Account.Device device : account.devices()) {
      var stored = new AccountEntity.DeviceRow();
      stored.name = device.name();
      stored.browser = device.browser();
      stored.lastSeen = device.lastSeen();
      stored.country = device.country();
      stored.idDigest = device.idDigest();
      row.devices.add(stored);
    }
    row.posts.clear();
    for (Account.Post post : account.recentPosts()) {
      var stored = new AccountEntity.PostRow();
      stored.postedOn = post.postedAt();
      stored.text = post.text();
      row.posts.add(stored);
    }
    row.following.clear();
    row.following.addAll(account.following());
    accounts.save(row);
    return existing.isEmpty();
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<Instant> waysInChangedAt(String username) {
    return Usernames.canonical(username)
        .flatMap(accounts::findByUsername)
        .map(row -> row.factsChangedAt);
  }

  /**
   * A new address, phone or carrier, or a second factor turned on. Turning factors off (a reset)
   * and edits of the history an identity check compares (posts, follows, devices) are not.
   */
  private static boolean waysInChanged(AccountEntity row, Account account) {
    var phone = account.phoneNumber().map(PhoneNumber::e164).orElse(null);
    var previous = account.previousEmails().stream().map(EmailAddress::value).toList();
    return !row.email.equals(account.email().value())
        || !java.util.Objects.equals(row.phone, phone)
        || !java.util.Objects.equals(row.carrier, account.carrier())
        || !row.previousEmails.equals(previous)
        || (!row.smsEnabled && account.twoFactor().sms())
        || (!row.totpEnabled && account.twoFactor().totp())
        || (!row.pushEnabled && account.twoFactor().push());
  }

  private Account toFacts(AccountEntity row) {
    return new Account(
        row.username,
        row.displayName,
        new EmailAddress(row.email),
        row.previousEmails.stream().map(EmailAddress::new).toList(),
        row.phone == null ? null : new PhoneNumber(row.phone),
        row.carrier,
        row.locale,
        row.createdOn,
        new Account.TwoFactor(row.smsEnabled, row.totpEnabled, row.pushEnabled),
        row.devices.stream()
            .map(d -> new Account.Device(d.name, d.browser, d.lastSeen, d.country, d.idDigest))
            .toList(),
        row.posts.stream().map(p -> new Account.Post(p.postedOn, p.text)).toList(),
        row.following,
        zone(row));
  }

  private static java.time.ZoneId zone(AccountEntity row) {
    return row.timeZone == null ? null : java.time.ZoneId.of(row.timeZone);
  }
}
