package dev.recoverydesk.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a case may be opened for one account.
 *
 * @param maxPerAccount cases one username may open within {@code window}; more is refused politely
 */
@ConfigurationProperties("recovery.cases")
public record CasePolicy(
    @DefaultValue("3") int maxPerAccount, @DefaultValue("P1D") Duration window) {}
