package dev.recoverydesk.account.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.account.web.AccountImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
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

  private final AccountDirectory directory;
  private final ObjectMapper json;
  private final Clock clock;

  DemoAccounts(AccountDirectory directory, ObjectMapper json, Clock clock) {
    this.directory = directory;
    this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    try (var in = new ClassPathResource(FILE).getInputStream()) {
      for (var node : json.readTree(in)) {
        var account = AccountImport.read(json, node, LocalDate.now(clock));
        if (directory.find(account.username()).isEmpty()) {
          directory.save(account);
          log.info("Created demo account @{}", account.username());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE, e);
    }
  }
}
