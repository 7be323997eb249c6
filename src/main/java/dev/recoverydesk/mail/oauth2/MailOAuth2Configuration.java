package dev.recoverydesk.mail.oauth2;

import dev.recoverydesk.system.InvalidConfigurationException;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/** How the desk signs in to IMAP and SMTP: see {@link MailSignIn}. */
@Configuration(proxyBeanMethods = false)
class MailOAuth2Configuration {

  @Bean
  MailSignIn mailSignIn(MailOAuth2Settings settings, Clock clock) {
    return settings.enabled()
        ? MailSignIn.withAccessTokens(new MailAccessTokens(settings, clock))
        : MailSignIn.withPassword();
  }

  /** Spring Boot's mail sender, given a session that signs in as configured. */
  @Bean
  static BeanPostProcessor smtpSignIn(
      ObjectProvider<MailOAuth2Settings> settings, ObjectProvider<MailSignIn> signIn) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof JavaMailSenderImpl sender && settings.getObject().enabled()) {
          if (!StringUtils.hasText(sender.getUsername())) {
            throw new InvalidConfigurationException(
                "spring.mail.username",
                "is required while recovery.mail.oauth2.enabled=true but is not set.",
                "Set it to the address the desk sends as (the SMTP user of the access token).");
          }
          sender.setSession(signIn.getObject().session(sender.getJavaMailProperties()));
        }
        return bean;
      }
    };
  }
}
