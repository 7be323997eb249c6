package dev.recoverydesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Recovery Desk: account recovery for users locked out of two-factor authentication. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RecoveryDeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(RecoveryDeskApplication.class, args);
  }
}
