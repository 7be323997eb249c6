package dev.recoverydesk.mail.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoverydesk.MutableClock;
import dev.recoverydesk.mail.oauth2.MailOAuth2Settings.Grant;
import jakarta.mail.AuthenticationFailedException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Access tokens by the two grants, kept until they are about to expire, and a refusal. */
@ExtendWith(OutputCaptureExtension.class)
class MailAccessTokensTest {

  static final String SECRET = "client-secret-never-shown";
  static final String REFRESH = "refresh-token-never-shown";

  private final TokenEndpoint endpoint = new TokenEndpoint();
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void close() {
    endpoint.close();
  }

  static MailOAuth2Settings settings(String tokenUri, Grant grant, String scope) {
    return new MailOAuth2Settings(
        true,
        grant,
        tokenUri,
        "desk-client",
        SECRET,
        grant == Grant.REFRESH_TOKEN ? REFRESH : null,
        List.of(scope),
        Duration.ofMinutes(1),
        Duration.ofSeconds(5));
  }

  @Test
  void the_client_credentials_grant_gives_a_token_that_is_kept_until_it_is_about_to_expire()
      throws Exception {
    var tokens =
        new MailAccessTokens(
            settings(
                endpoint.uri(), Grant.CLIENT_CREDENTIALS, "https://outlook.office365.com/.default"),
            clock);
    endpoint.answer(TokenEndpoint.token("token-1", 3600));

    assertThat(tokens.accessToken()).isEqualTo("token-1");
    assertThat(tokens.accessToken()).isEqualTo("token-1");
    assertThat(endpoint.requests())
        .singleElement()
        .satisfies(
            form ->
                assertThat(form)
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry("client_id", "desk-client")
                    .containsEntry("client_secret", SECRET)
                    .containsEntry("scope", "https://outlook.office365.com/.default"));

    // A minute before it expires it is replaced.
    // Its expiry counts from the real time of the answer, the clock's from the moved one.
    endpoint.answer(TokenEndpoint.token("token-2", 7200));
    clock.advance(Duration.ofMinutes(58));
    assertThat(tokens.accessToken()).isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(61));
    assertThat(tokens.accessToken()).isEqualTo("token-2");
    assertThat(endpoint.requests()).hasSize(2);
  }

  @Test
  void the_refresh_token_grant_asks_with_the_refresh_token_each_time_the_token_expires()
      throws Exception {
    var tokens =
        new MailAccessTokens(
            settings(endpoint.uri(), Grant.REFRESH_TOKEN, "https://mail.google.com/"), clock);
    endpoint.answer(TokenEndpoint.token("token-1", 3599));

    assertThat(tokens.accessToken()).isEqualTo("token-1");
    endpoint.answer(TokenEndpoint.token("token-2", 7200));
    clock.advance(Duration.ofHours(1));
    assertThat(tokens.accessToken()).isEqualTo("token-2");
    assertThat(tokens.accessToken()).isEqualTo("token-2");

    // Google sends no new refresh token: the one configured is used again.
    assertThat(endpoint.requests())
        .hasSize(2)
        .allSatisfy(
            form ->
                assertThat(form)
                    .containsEntry("grant_type", "refresh_token")
                    .containsEntry("refresh_token", REFRESH)
                    .containsEntry("client_id", "desk-client")
                    .containsEntry("client_secret", SECRET));
  }

  @Test
  void a_refusal_says_what_the_endpoint_answered_and_never_the_secret(CapturedOutput output) {
    var tokens =
        new MailAccessTokens(
            settings(endpoint.uri(), Grant.REFRESH_TOKEN, "https://mail.google.com/"), clock);
    endpoint.answer(
        TokenEndpoint.error(400, "invalid_grant", "Token has been expired or revoked."));

    var expected =
        "No access token for the mail server: the token endpoint "
            + endpoint.uri()
            + " answered invalid_grant (Token has been expired or revoked.)";
    assertThatThrownBy(tokens::accessToken)
        .isInstanceOf(AuthenticationFailedException.class)
        .hasMessage(expected);
    assertThat(output).contains("WARN").contains(expected);

    // A refused refresh forgets the client; the next try asks with the refresh token again.
    endpoint.answer(TokenEndpoint.token("token-1", 3599));
    assertThat(assertToken(tokens)).isEqualTo("token-1");
    assertThat(endpoint.requests().get(1)).containsEntry("refresh_token", REFRESH);
    assertThat(output).doesNotContain(SECRET).doesNotContain(REFRESH).doesNotContain("token-1");
  }

  private static String assertToken(MailAccessTokens tokens) {
    try {
      return tokens.accessToken();
    } catch (AuthenticationFailedException e) {
      throw new AssertionError(e);
    }
  }
}
