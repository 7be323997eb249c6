package dev.recoverydesk.mail.oauth2;

import dev.recoverydesk.mail.oauth2.MailOAuth2Settings.Grant;
import dev.recoverydesk.system.InvalidConfigurationException;
import jakarta.mail.AuthenticationFailedException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Access tokens for the mail servers, from the token endpoint by Spring Security's OAuth2 client:
 * one is asked for when none is held or the one held is about to expire, and kept until then.
 *
 * <p>The client registration lives here alone, not as a bean: a {@code
 * ClientRegistrationRepository} in the context would make Spring Boot offer an OAuth2 login to the
 * web pages.
 */
public class MailAccessTokens {

  private static final Logger log = LoggerFactory.getLogger(MailAccessTokens.class);
  private static final String REGISTRATION = "mail";
  private static final String PRINCIPAL = "recovery-desk";

  private final MailOAuth2Settings settings;
  private final ClientRegistration registration;
  private final InMemoryOAuth2AuthorizedClientService clients;
  private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

  public MailAccessTokens(MailOAuth2Settings settings, Clock clock) {
    this.settings = required(settings);
    this.registration =
        ClientRegistration.withRegistrationId(REGISTRATION)
            .clientId(settings.clientId())
            .clientSecret(settings.clientSecret())
            // The request body: what Microsoft's and Google's token endpoints both document.
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(
                settings.grant() == Grant.CLIENT_CREDENTIALS
                    ? AuthorizationGrantType.CLIENT_CREDENTIALS
                    : AuthorizationGrantType.REFRESH_TOKEN)
            .tokenUri(settings.tokenUri())
            .scope(settings.scopes())
            .build();
    var registrations = new InMemoryClientRegistrationRepository(registration);
    this.clients = new InMemoryOAuth2AuthorizedClientService(registrations);
    var http = tokenEndpoint(settings);
    var credentials = new RestClientClientCredentialsTokenResponseClient();
    credentials.setRestClient(http);
    var refresh = new RestClientRefreshTokenTokenResponseClient();
    refresh.setRestClient(http);
    this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
    manager.setAuthorizedClientProvider(
        OAuth2AuthorizedClientProviderBuilder.builder()
            .clientCredentials(
                grant ->
                    grant
                        .accessTokenResponseClient(credentials)
                        .clockSkew(settings.renewBefore())
                        .clock(clock))
            .refreshToken(
                grant ->
                    grant
                        .accessTokenResponseClient(refresh)
                        .clockSkew(settings.renewBefore())
                        .clock(clock))
            .build());
  }

  /**
   * A token that is valid for a while yet. Synchronized: the mailbox's reader, its sweep, the
   * health check and the mail sender must not each ask the endpoint for a new one at the same
   * moment.
   *
   * @throws AuthenticationFailedException saying what the token endpoint answered
   */
  public synchronized String accessToken() throws AuthenticationFailedException {
    if (settings.grant() == Grant.REFRESH_TOKEN
        && clients.loadAuthorizedClient(REGISTRATION, PRINCIPAL) == null) {
      holdRefreshToken();
    }
    try {
      var client =
          manager.authorize(
              OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                  .principal(PRINCIPAL)
                  .build());
      if (client == null) {
        throw refused(new OAuth2Error("no_token", "no access token was issued", null));
      }
      return client.getAccessToken().getTokenValue();
    } catch (OAuth2AuthorizationException e) {
      throw refused(e.getError());
    }
  }

  /**
   * The refresh token as the OAuth2 client keeps it: beside an access token that has already
   * expired, so that the first use asks for a fresh one. Again after a refused refresh, which
   * forgets the client. A refresh asks for no scope: it gets those the refresh token was granted.
   */
  private void holdRefreshToken() {
    var expired =
        new OAuth2AccessToken(
            OAuth2AccessToken.TokenType.BEARER,
            "expired",
            Instant.EPOCH,
            Instant.EPOCH.plusSeconds(1));
    clients.saveAuthorizedClient(
        new OAuth2AuthorizedClient(
            registration,
            PRINCIPAL,
            expired,
            new OAuth2RefreshToken(settings.refreshToken(), null)),
        UsernamePasswordAuthenticationToken.unauthenticated(PRINCIPAL, null));
  }

  /** What the operator reads, in the log and in the mailbox's health: never a secret or a token. */
  private AuthenticationFailedException refused(OAuth2Error error) {
    var message =
        "No access token for the mail server: the token endpoint "
            + settings.tokenUri()
            + " answered "
            + error.getErrorCode()
            + (StringUtils.hasText(error.getDescription())
                ? " (" + error.getDescription() + ")"
                : "");
    log.warn(message);
    return new AuthenticationFailedException(message);
  }

  /** A client of the token endpoint as Spring Security builds it, with timeouts of our own. */
  private static RestClient tokenEndpoint(MailOAuth2Settings settings) {
    var requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(settings.timeout());
    requests.setReadTimeout(settings.timeout());
    return RestClient.builder()
        .requestFactory(requests)
        .messageConverters(
            converters -> {
              converters.clear();
              converters.add(new FormHttpMessageConverter());
              converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
            })
        .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
        .build();
  }

  private static MailOAuth2Settings required(MailOAuth2Settings settings) {
    require("token-uri", settings.tokenUri());
    require("client-id", settings.clientId());
    require("client-secret", settings.clientSecret());
    if (settings.grant() == Grant.REFRESH_TOKEN) {
      require("refresh-token", settings.refreshToken());
    }
    return settings;
  }

  private static void require(String name, String value) {
    if (!StringUtils.hasText(value)) {
      throw new InvalidConfigurationException(
          "recovery.mail.oauth2." + name,
          "is required while recovery.mail.oauth2.enabled=true but is not set.",
          "Set it from the mail provider's app registration (see the README, Operations), or"
              + " turn recovery.mail.oauth2.enabled off to sign in with a password.");
    }
  }
}
