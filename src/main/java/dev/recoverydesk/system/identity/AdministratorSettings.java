package dev.recoverydesk.system.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator, from {@code RECOVERY_ADMIN_USERNAME} and {@code
 * RECOVERY_ADMIN_PASSWORD}: created in {@code camunda-admin} when the desk has no administrator
 * yet, ignored once it has one. Required in that case in the production profile.
 *
 * @param username the Camunda user id to create
 * @param password its password, at least {@value FirstAdministrator#MIN_PASSWORD_LENGTH}
 *     characters; Camunda stores only a salted hash of it
 */
@ConfigurationProperties("recovery.admin")
record AdministratorSettings(String username, String password) {

  boolean given() {
    return username != null && !username.isBlank() && password != null && !password.isEmpty();
  }

  @Override
  public String toString() {
    return "AdministratorSettings[username=" + username + ", password=(hidden)]";
  }
}
