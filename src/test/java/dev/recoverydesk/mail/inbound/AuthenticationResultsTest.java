package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Authentication-Results fields as real servers write them, and as the RFC 8601 grammar has it. */
class AuthenticationResultsTest {

  @Test
  void a_gmail_field_with_comments_and_several_results() {
    var field =
        parse(
            "mx.google.com;\r\n"
                + "       dkim=pass header.i=@example.com header.s=20230601 header.b=Ab3/+dE=;\r\n"
                + "       spf=pass (google.com: domain of alice@example.com designates 192.0.2.1"
                + " as permitted sender) smtp.mailfrom=alice@example.com;\r\n"
                + "       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com");

    assertThat(field.authservId()).isEqualTo("mx.google.com");
    assertThat(field.results())
        .extracting(AuthenticationResults.Result::method, AuthenticationResults.Result::result)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dkim", "pass"),
            org.assertj.core.groups.Tuple.tuple("spf", "pass"),
            org.assertj.core.groups.Tuple.tuple("dmarc", "pass"));
    assertThat(field.results().get(0).properties())
        .isEqualTo(
            Map.of("header.i", "@example.com", "header.s", "20230601", "header.b", "Ab3/+dE="));
    assertThat(field.results().get(1).property("smtp.mailfrom")).contains("alice@example.com");
    assertThat(field.results().get(2).property("header.from")).contains("example.com");
  }

  @Test
  void results_with_properties_that_have_no_ptype_as_some_servers_write_them() {
    var field =
        parse(
            "mx.example.net; spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=example.com;"
                + " dkim=pass (signature was verified) header.d=example.com;dmarc=pass"
                + " action=none header.from=example.com;compauth=pass reason=100");

    assertThat(field.authservId()).isEqualTo("mx.example.net");
    assertThat(field.results())
        .extracting(AuthenticationResults.Result::method)
        .containsExactly("spf", "dkim", "dmarc", "compauth");
    assertThat(field.results().get(2).properties()).isEqualTo(Map.of("header.from", "example.com"));
  }

  @Test
  void a_field_without_a_server_id_names_no_server() {
    // Microsoft 365 starts its field with the first result.
    var value = "spf=pass smtp.mailfrom=example.com; dmarc=pass header.from=example.com";

    assertThat(AuthenticationResults.parse(value)).isEmpty();
    assertThat(AuthenticationResults.authservIdOf(value)).contains("spf");
  }

  @Test
  void the_version_a_method_version_a_reason_and_quoted_strings() {
    var field =
        parse(
            "\"mx.example.org\" 1; dkim/1 = pass reason=\"good signature\""
                + " header.d = example.com header.b=\"a;b (c)\"; auth=pass"
                + " smtp.auth=\"alice\\\"s box\"@example.com");

    assertThat(field.authservId()).isEqualTo("mx.example.org");
    var dkim = field.results().get(0);
    assertThat(dkim.method()).isEqualTo("dkim");
    assertThat(dkim.result()).isEqualTo("pass");
    assertThat(dkim.property("header.d")).contains("example.com");
    assertThat(dkim.property("header.b")).contains("a;b (c)");
    assertThat(field.results().get(1).property("smtp.auth")).contains("alice\"s box@example.com");
  }

  @Test
  void nested_comments_and_folding_anywhere_white_space_may_stand() {
    var field =
        parse(
            "(the (inner) one \\) too) mx.example.org (comment);\r\n\t(before) dmarc (m) =\r\n"
                + " (r) FAIL (p=reject) header . from = Example.COM (after)");

    assertThat(field.authservId()).isEqualTo("mx.example.org");
    var dmarc = field.results().get(0);
    assertThat(dmarc.method()).isEqualTo("dmarc");
    assertThat(dmarc.result()).isEqualTo("fail");
    assertThat(dmarc.property("header.from")).contains("Example.COM");
  }

  @Test
  void none_says_that_the_server_checked_nothing() {
    assertThat(parse("mx.example.org; none").results()).isEmpty();
    assertThat(parse("mx.example.org 1 ; none ;").results()).isEmpty();
  }

  @Test
  void a_trailing_semicolon_is_allowed() {
    assertThat(parse("mx.example.org; dkim=pass header.d=example.com;").results()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "; dmarc=pass header.from=example.com",
        "mx.example.org dmarc=pass",
        "mx.example.org; dmarc",
        "mx.example.org; dmarc=",
        "mx.example.org; =pass",
        "mx.example.org; dmarc=pass header.from",
        "mx.example.org; dmarc=pass header.from=",
        "mx.example.org; dmarc=pass header.=example.com",
        "mx.example.org; dmarc=pass .from=example.com",
        "mx.example.org; dmarc=pass (unterminated comment",
        "mx.example.org; dkim=pass header.b=\"unterminated",
        "mx.example.org 2; dmarc=pass header.from=example.com",
        "mx.example.org; none; dmarc=pass header.from=example.com",
        "\"mx.example.org; dmarc=pass header.from=example.com"
      })
  void a_field_off_the_grammar_is_not_read(String value) {
    assertThat(AuthenticationResults.parse(value)).isEmpty();
  }

  @Test
  void a_field_longer_than_any_server_writes_is_not_read() {
    var value =
        "mx.example.org; dmarc=pass header.from=example.com"
            + " (x)".repeat(AuthenticationResults.MAX_LENGTH);

    assertThat(AuthenticationResults.parse(value)).isEmpty();
    assertThat(AuthenticationResults.authservIdOf(value)).isEmpty();
  }

  @Test
  void whose_field_it_is_is_read_even_when_the_rest_is_malformed() {
    assertThat(AuthenticationResults.authservIdOf(" (c) MX.Example.ORG; dmarc=pass (oops"))
        .contains("mx.example.org");
    assertThat(AuthenticationResults.authservIdOf("; dmarc=pass")).isEmpty();
  }

  @Test
  void a_hostile_field_costs_one_pass() {
    // Deep comments, long runs of white space: read once, no backtracking.
    var value =
        "mx.example.org; dkim=pass " + "(".repeat(5000) + ")".repeat(5000) + " ".repeat(5000);
    var started = System.nanoTime();

    assertThat(AuthenticationResults.parse(value)).isPresent();
    assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
  }

  private static AuthenticationResults parse(String folded) {
    return AuthenticationResults.parse(MimeUtility.unfold(folded)).orElseThrow();
  }
}
