package dev.recoverydesk.system.identity;

import dev.recoverydesk.system.DeskGroups;
import dev.recoverydesk.system.InvalidConfigurationException;
import dev.recoverydesk.system.ProductionSettingsCheck;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the desk's first administrator from the environment, before the web server takes a request,
 * so that nobody can be the first to claim the desk on Camunda Admin's setup page (which is closed
 * anyway). Once any user is in {@code camunda-admin} this does nothing: an administrator's password
 * is changed in Admin, never silently by a restart.
 */
@Component
class FirstAdministrator implements SmartInitializingSingleton {

  /** NIST SP 800-63B asks at least 8; an administrator of every case deserves more. */
  static final int MIN_PASSWORD_LENGTH = 12;

  private static final String USERNAME = "recovery.admin.username";
  private static final String PASSWORD = "recovery.admin.password";
  private static final String VARIABLES = "RECOVERY_ADMIN_USERNAME and RECOVERY_ADMIN_PASSWORD";

  private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

  private final IdentityService identityService;
  private final SupportDeskIdentity deskIdentity;
  private final AdministratorSettings settings;
  private final TransactionTemplate transaction;
  private final boolean required;

  FirstAdministrator(
      IdentityService identityService,
      SupportDeskIdentity deskIdentity,
      AdministratorSettings settings,
      PlatformTransactionManager transactions,
      Environment environment) {
    this.identityService = identityService;
    this.deskIdentity = deskIdentity;
    this.settings = settings;
    this.transaction = new TransactionTemplate(transactions);
    this.required = environment.acceptsProfiles(Profiles.of(ProductionSettingsCheck.PROFILE));
  }

  @Override
  public void afterSingletonsInstantiated() {
    deskIdentity.ensure(); // the group must exist before anyone joins it
    if (administrators() > 0) {
      if (settings.given()) {
        log.info(
            "The desk has an administrator already: {} are ignored (change passwords in Admin)",
            VARIABLES);
      }
      return;
    }
    if (!settings.given()) {
      if (required) {
        var missing = blank(settings.username()) ? USERNAME : PASSWORD;
        throw new InvalidConfigurationException(
            missing,
            "is required in the production profile while no user is in group "
                + DeskGroups.ADMINS
                + ".",
            "Set "
                + VARIABLES
                + " (at least "
                + MIN_PASSWORD_LENGTH
                + " characters) for the first start; that user becomes the first administrator.");
      }
      return;
    }
    create(settings.username().strip(), settings.password());
  }

  private void create(String id, String password) {
    checkStrength(id, password);
    if (identityService.createUserQuery().userId(id).count() > 0) {
      throw new InvalidConfigurationException(
          USERNAME,
          "names the user '" + id + "', who exists but is not in group " + DeskGroups.ADMINS + ".",
          "Choose another name in RECOVERY_ADMIN_USERNAME: an existing user's password is never"
              + " replaced from the environment.");
    }
    try {
      // One transaction: never a user without the membership that makes it the administrator.
      transaction.executeWithoutResult(
          status -> {
            var user = identityService.newUser(id);
            user.setFirstName("Administrator");
            user.setLastName(id);
            user.setPassword(password);
            identityService.saveUser(user); // Camunda keeps a salted hash of the password only
            identityService.createMembership(id, DeskGroups.ADMINS);
          });
    } catch (ProcessEngineException failed) {
      if (administrators() > 0) {
        // Another node sharing the database made one at the same moment.
        log.info("Another node created the first administrator");
        return;
      }
      throw new InvalidConfigurationException(
          USERNAME,
          "cannot become the first administrator: " + failed.getMessage(),
          "Set RECOVERY_ADMIN_USERNAME to a Camunda user id (letters and digits).");
    }
    log.info("Created the first administrator '{}' from RECOVERY_ADMIN_USERNAME", id);
  }

  private static void checkStrength(String id, String password) {
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
      throw new InvalidConfigurationException(
          PASSWORD,
          "is shorter than " + MIN_PASSWORD_LENGTH + " characters.",
          "Use a longer RECOVERY_ADMIN_PASSWORD, e.g. the output of 'openssl rand -base64 18'.");
    }
    if (password.toLowerCase(Locale.ROOT).contains(id.toLowerCase(Locale.ROOT))) {
      throw new InvalidConfigurationException(
          PASSWORD,
          "contains the username.",
          "Use a RECOVERY_ADMIN_PASSWORD that does not contain RECOVERY_ADMIN_USERNAME.");
    }
  }

  private long administrators() {
    return identityService.createUserQuery().memberOfGroup(DeskGroups.ADMINS).count();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
