package dev.recoverydesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.Language;
import java.io.IOException;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every text in {@code sms-templates/} reads, in both languages, as the desk has always sent it.
 */
class SmsTemplatesTest {

  private final SmsTemplates templates = new SmsTemplates();

  @Test
  void every_text_is_written_in_both_languages() throws IOException {
    var names = new TreeSet<String>();
    for (var resource :
        new PathMatchingResourcePatternResolver().getResources("classpath*:sms-templates/*/*")) {
      var path = resource.getURL().getPath();
      names.add(path.substring(path.indexOf("sms-templates/")).split("/")[1]);
    }
    assertThat(names).containsExactly("check-code", "reset-done", "reset-hold");
    for (var name : names) {
      for (var language : Language.values()) {
        var text =
            templates.render(
                name,
                language,
                Map.of("code", "123456", "username", "alice", "resetAt", "2026-12-05 21:30 JST"));
        assertThat(text).as(name + "/" + language).isNotBlank().doesNotContain("${", "\n");
        assertThat(text.length()).isLessThanOrEqualTo(500);
      }
    }
  }

  @Test
  void the_check_code() {
    assertThat(templates.render("check-code", Language.EN, Map.of("code", "123456")))
        .isEqualTo("Recovery Desk check code: 123456 (reply to our mail with it)");
    assertThat(templates.render("check-code", Language.JA, Map.of("code", "123456")))
        .isEqualTo("Recovery Desk の確認コード: 123456（メールに返信してお知らせください）");
  }

  @Test
  void the_hold_and_the_reset() {
    var hold = Map.of("username", "alice", "resetAt", "2026-12-05 21:30 JST");
    assertThat(templates.render("reset-hold", Language.EN, hold))
        .isEqualTo(
            "Recovery Desk: 2FA of @alice will be reset at 2026-12-05 21:30 JST. Not you, or no"
                + " longer needed? Cancel with the link in our mail.");
    assertThat(templates.render("reset-hold", Language.JA, hold))
        .isEqualTo(
            "Recovery Desk: @alice の2要素認証が 2026-12-05 21:30 JST にリセットされます。"
                + "心当たりがない場合や不要になった場合は、メールのリンクから取り消してください。");
    var done = Map.of("username", "alice");
    assertThat(templates.render("reset-done", Language.EN, done))
        .isEqualTo(
            "Recovery Desk: two-factor authentication of @alice was reset. Not you? Reply to our"
                + " mail.");
    assertThat(templates.render("reset-done", Language.JA, done))
        .isEqualTo("Recovery Desk: @alice の2要素認証がリセットされました。心当たりがなければメールに返信してください。");
  }
}
