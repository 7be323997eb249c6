package dev.recoverydesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.common.CaseId;
import java.util.Map;

/** Cases opened as a user opens them, through {@code POST /api/recovery-requests}. */
public final class TestCases {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestCases() {}

  /** Opens a case for the username, answered at {@code username@example.com}. */
  public static CaseId open(int port, String username, String problem, Map<String, String> more)
      throws Exception {
    var request = new java.util.HashMap<String, String>(more);
    request.put("username", username);
    request.put("contactEmail", username + "@example.com");
    request.put("problem", problem);
    var opened =
        new ApiClient(port).post("/api/recovery-requests", null, JSON.writeValueAsString(request));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(202);
    return new CaseId(JSON.readTree(opened.body()).get("caseId").asText());
  }
}
