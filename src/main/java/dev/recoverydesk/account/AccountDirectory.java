package dev.recoverydesk.account;

import java.time.Instant;
import java.util.Optional;

/**
 * The port to the accounts: the embedded directory today, a real identity provider tomorrow.
 * Processes and other modules talk only to this.
 */
public interface AccountDirectory {

  /**
   * @param username any case; usernames are compared in lower case
   */
  Optional<Account> find(String username);

  /**
   * Who to write to about the account, for notices: a directory may answer it without reading the
   * lists an identity check compares answers with.
   *
   * @param username any case, as for {@link #find}
   */
  default Optional<Account.Contact> contact(String username) {
    return find(username).map(Account::contact);
  }

  /**
   * When the account's ways in last changed: a new address, phone or carrier, or a second factor
   * turned on. Empty when they never changed since the account came to the directory, or when the
   * directory cannot tell.
   */
  default Optional<Instant> waysInChangedAt(String username) {
    return Optional.empty();
  }

  /**
   * Creates the account or replaces all its facts.
   *
   * @return whether it was created
   */
  boolean save(Account account);
}
