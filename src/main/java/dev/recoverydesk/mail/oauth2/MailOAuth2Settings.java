package dev.recoverydesk.mail.oauth2;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing in to IMAP and SMTP with an OAuth2 access token (SASL XOAUTH2) instead of a password, as
 * Microsoft 365 and Gmail want. The IMAP user is {@code recovery.mail.imap.username}, the SMTP user
 * {@code spring.mail.username}; their passwords are then not used.
 *
 * @param enabled sign in with access tokens from the token endpoint below
 * @param grant how an access token is had: {@code client-credentials} (Microsoft 365's app-only
 *     access: the client id and secret alone) or {@code refresh-token} (Gmail: a refresh token the
 *     mailbox's owner granted once)
 * @param tokenUri the authorization server's token endpoint
 * @param clientId the application's client id
 * @param clientSecret the application's client secret, sent in the request body
 * @param refreshToken for the {@code refresh-token} grant
 * @param scopes the scopes asked for, e.g. {@code https://outlook.office365.com/.default}
 * @param renewBefore a token this close to its expiry is replaced before it is used
 * @param timeout the longest one call to the token endpoint may take
 */
@ConfigurationProperties("recovery.mail.oauth2")
public record MailOAuth2Settings(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("client-credentials") Grant grant,
    String tokenUri,
    String clientId,
    String clientSecret,
    String refreshToken,
    @DefaultValue List<String> scopes,
    @DefaultValue("PT1M") Duration renewBefore,
    @DefaultValue("PT10S") Duration timeout) {

  /** The two grants the desk uses; an authorization-code login of a person it never needs. */
  public enum Grant {
    CLIENT_CREDENTIALS,
    REFRESH_TOKEN
  }

  /** Never the secret or the refresh token: this record may end up in a log line or a dump. */
  @Override
  public String toString() {
    return "MailOAuth2Settings[enabled=%s, grant=%s, tokenUri=%s, clientId=%s, scopes=%s]"
        .formatted(enabled, grant, tokenUri, clientId, scopes);
  }
}
