package dev.recoverydesk.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Users locked out of their accounts, as the cluster's tests and the fault run make them: an
 * account whose facts the user's answers all match, so that a case goes through review and approval
 * to its reset.
 */
public final class LockedOutUsers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LockedOutUsers() {}

  /**
   * The body of {@code POST /api/accounts}: an authenticator app and no phone (the production
   * profile has no SMS provider).
   */
  public static String account(String username, String address) {
    var body = JSON.createObjectNode();
    body.put("username", username);
    body.put("displayName", "Test user");
    body.put("email", address);
    body.put("locale", "en");
    body.put("createdAt", "2019-04-01");
    body.putPOJO("twoFactor", Map.of("sms", false, "totp", true, "push", false));
    body.putPOJO(
        "devices",
        List.of(
            Map.of(
                "name", "iPhone 15",
                "browser", "Safari",
                "lastSeen", Instant.now().minus(Duration.ofDays(3)).toString(),
                "country", "JP")));
    body.putPOJO(
        "recentPosts",
        List.of(
            Map.of("postedAt", "2026-11-15", "text", "Went to Kyoto to see the autumn leaves")));
    body.putPOJO("following", List.of("bob", "carol", "dave"));
    return json(body);
  }

  /** The body of {@code POST /api/recovery-requests} for the user. */
  public static String request(String username, String address) {
    return json(
        Map.of("username", username, "contactEmail", address, "problem", "OTHER", "locale", "en"));
  }

  /** The questionnaire's answers, all matching the account. */
  public static String answers(String address) {
    return """
        1. %s
        3. April 2019
        4. Kyoto, the autumn leaves, mid November
        5. bob and carol
        6. my iPhone 15
        """
        .formatted(address);
  }

  private static String json(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
