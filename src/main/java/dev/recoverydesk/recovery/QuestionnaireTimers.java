package dev.recoverydesk.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The questionnaire's clock.
 *
 * @param reminderAfter when an unanswered questionnaire is sent again (once)
 * @param expireAfter when an unanswered questionnaire closes the case as EXPIRED
 */
@ConfigurationProperties("recovery.questionnaire")
public record QuestionnaireTimers(
    @DefaultValue("P2D") Duration reminderAfter, @DefaultValue("P7D") Duration expireAfter) {}
