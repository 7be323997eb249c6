package dev.recoverydesk.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * SMS codes that do not arrive.
 *
 * @param waitBeforeResend ({@code recovery.sms.wait}) how long to wait before sending again: texts
 *     can take a while (seed 002: at least two minutes)
 * @param codeValidFor how long the check code we text works (NIST SP 800-63B: 10 minutes for SMS)
 */
@ConfigurationProperties("recovery.sms")
public record SmsPolicy(
    @Name("wait") @DefaultValue("PT2M") Duration waitBeforeResend,
    @DefaultValue("PT10M") Duration codeValidFor) {}
