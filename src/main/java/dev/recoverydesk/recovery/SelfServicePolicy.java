package dev.recoverydesk.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The self-service paths' clocks.
 *
 * @param outcomeTimeout how long we wait for "did it work?" before support takes over
 * @param signedInWithin a device seen this recently counts as still signed in, a place where the
 *     user can fix their second factor alone
 */
@ConfigurationProperties("recovery.self-service")
public record SelfServicePolicy(
    @DefaultValue("P2D") Duration outcomeTimeout, @DefaultValue("P30D") Duration signedInWithin) {}
