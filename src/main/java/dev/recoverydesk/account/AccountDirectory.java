package dev.recoverydesk.account;

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
   * Creates the account or replaces all its facts.
   *
   * @return whether it was created
   */
  boolean save(Account account);
}
