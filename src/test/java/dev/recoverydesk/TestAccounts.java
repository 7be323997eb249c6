package dev.recoverydesk;

import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.common.EmailAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh accounts for tests that share one database: a unique username every time. */
public final class TestAccounts {

  private TestAccounts() {}

  /**
   * Creates an account with an authenticator app and no phone; its mail goes to name@example.com.
   */
  public static String create(AccountDirectory accounts, String prefix) {
    var username = prefix + "_" + suffix();
    accounts.save(
        new Account(
            username,
            "Test user",
            new EmailAddress(username + "@example.com"),
            List.of(),
            null,
            null,
            "en",
            null,
            new Account.TwoFactor(false, true, false),
            List.of(),
            List.of(),
            List.of()));
    return username;
  }

  public static String suffix() {
    return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }
}
