package dev.recoverydesk.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a case may be opened for one account.
 *
 * @param maxPerAccount cases one username may open within {@code window}; more is refused politely
 * @param deviceCookie the cookie in which the platform keeps a device's identifier; the web form
 *     reads it when the desk is served within the platform's site
 */
@ConfigurationProperties("recovery.cases")
public record CasePolicy(
    @DefaultValue("3") int maxPerAccount,
    @DefaultValue("P1D") Duration window,
    @DefaultValue("device_id") String deviceCookie) {}
