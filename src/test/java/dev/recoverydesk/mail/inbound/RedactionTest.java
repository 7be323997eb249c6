package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void one_time_links_lose_their_tokens_and_nothing_else_changes() {
    var quoted =
        """
        Thanks!
        > Your new codes: http://127.0.0.1:8080/recovery/codes/k3J9-x_Qa8==
        > Not you? https://desk.example.com/recovery/cancel/AbC123
        > Docs: https://desk.example.com/recovery/help
        """;

    assertThat(Redaction.oneTimeLinks(quoted))
        .contains("/recovery/codes/[redacted]", "/recovery/cancel/[redacted]")
        .contains("https://desk.example.com/recovery/help", "Thanks!")
        .doesNotContain("k3J9", "AbC123");
  }
}
