package dev.recoverydesk.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reset's waiting period: after approval, every address on file is told and may refuse before
 * anything changes (three days by default, like the waits of Apple's and GitHub's recovery).
 *
 * @param linkValidFor how long the one-time link to the new codes works (NIST SP 800-63B-4 allows
 *     24 hours for codes sent by email)
 */
@ConfigurationProperties("recovery.reset")
public record ResetPolicy(
    @DefaultValue("P3D") Duration holdPeriod, @DefaultValue("PT24H") Duration linkValidFor) {}
