package dev.recoverydesk.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long an identity review may wait: the task's due date, after which the supervisors are told
 * and may take it (recovery takes "hours to days", seed 002; nobody should wait longer).
 */
@ConfigurationProperties("recovery.review")
public record ReviewPolicy(@DefaultValue("P1D") Duration sla) {}
