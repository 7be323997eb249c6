package dev.recoverydesk.account.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.account.web.AccountImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Demo accounts, one for each recovery path, read from {@code demo/accounts.json} (the format of
 * {@code POST /api/accounts}). Only in the demo profile, and only those not there yet, so edits
 * made through the API survive a restart.
 */
@Component
@Profile("demo")
class DemoAccounts implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);
  static final String FILE = "demo/accounts.json";
  static final LocalDate WRITTEN = LocalDate.of(2026, 11, 21);

  private final AccountDirectory directory;
  private final DeviceIds deviceIds;
  private final ObjectMapper json;
  private final Clock clock;

  DemoAccounts(AccountDirectory directory, DeviceIds deviceIds, ObjectMapper json, Clock clock) {
    this.directory = directory;
    this.deviceIds = deviceIds;
    this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    try (var in = new ClassPathResource(FILE).getInputStream()) {
      for (var node : json.readTree(in)) {
        var today = LocalDate.now(clock);
        var account = keptRecent(AccountImport.read(json, node, today, deviceIds), today);
        if (directory.find(account.username()).isEmpty()) {
          directory.save(account);
          log.info("Created demo account @{}", account.username());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE, e);
    }
  }

  /**
   * The file's devices and posts are dated as of {@link #WRITTEN}; moved forward by the days since,
   * so that "signed in last week" stays true and each account keeps showing its path.
   */
  static Account keptRecent(Account account, LocalDate today) {
    long days = Math.max(0, ChronoUnit.DAYS.between(WRITTEN, today));
    if (days == 0) {
      return account;
    }
    return account
        .withDevices(
            account.devices().stream()
                .map(
                    device ->
                        new Account.Device(
                            device.name(),
                            device.browser(),
                            device.lastSeen() == null
                                ? null
                                : device.lastSeen().plus(days, ChronoUnit.DAYS),
                            device.country(),
                            device.idDigest()))
                .toList())
        .withRecentPosts(
            account.recentPosts().stream()
                .map(post -> new Account.Post(post.postedAt().plusDays(days), post.text()))
                .toList());
  }
}
