package dev.recoverydesk.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a case may be opened: for one account, for one contact address and from one client.
 *
 * @param maxPerAccount cases one username may open within {@code window}; more is refused politely
 * @param window the period of {@code maxPerAccount} and {@code maxPerContact}
 * @param deviceCookie the cookie in which the platform keeps a device's identifier; the web form
 *     reads it when the desk is served within the platform's site
 * @param maxPerContact requests one contact address may be sent mail for within {@code window},
 *     whatever usernames they name: the desk cannot be used to flood someone's mailbox
 * @param maxPerClient requests one client (its address, or its {@code /64} for IPv6) may make over
 *     the web form and the API within {@code clientWindow}
 * @param clientWindow the period of {@code maxPerClient}
 */
@ConfigurationProperties("recovery.cases")
public record CasePolicy(
    @DefaultValue("3") int maxPerAccount,
    @DefaultValue("P1D") Duration window,
    @DefaultValue("device_id") String deviceCookie,
    @DefaultValue("3") int maxPerContact,
    @DefaultValue("300") int maxPerClient,
    @DefaultValue("PT1H") Duration clientWindow) {

  public CasePolicy {
    if (maxPerAccount < 1 || maxPerContact < 1 || maxPerClient < 1) {
      throw new IllegalArgumentException(
          "recovery.cases.max-per-account, max-per-contact and max-per-client must be at least 1");
    }
    if (window.isNegative()
        || window.isZero()
        || clientWindow.isNegative()
        || clientWindow.isZero()) {
      throw new IllegalArgumentException(
          "recovery.cases.window and client-window must be positive durations");
    }
  }
}
