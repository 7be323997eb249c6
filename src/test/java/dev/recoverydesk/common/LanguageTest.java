package dev.recoverydesk.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageTest {

  @Test
  void a_tag_names_a_language_exactly_or_not_at_all() {
    assertThat(Language.ofTag("ja")).contains(Language.JA);
    assertThat(Language.ofTag(" EN ")).contains(Language.EN);
    assertThat(Language.ofTag("ja-JP")).isEmpty();
    assertThat(Language.ofTag("de")).isEmpty();
    assertThat(Language.ofTag(null)).isEmpty();
    assertThat(Language.of("fr")).isEqualTo(Language.EN);
  }

  @Test
  void a_locale_tag_names_its_language_with_or_without_a_region() {
    assertThat(Language.ofLocaleTag("ja_JP")).contains(Language.JA);
    assertThat(Language.ofLocaleTag(" en-US ")).contains(Language.EN);
    assertThat(Language.ofLocaleTag("JA")).contains(Language.JA);
    assertThat(Language.ofLocaleTag("de-DE")).isEmpty();
    assertThat(Language.ofLocaleTag(" ")).isEmpty();
    assertThat(Language.ofLocaleTag(null)).isEmpty();
  }

  @Test
  void the_request_comes_first_then_what_the_desk_knows_then_the_browser() {
    assertThat(Language.choose("en", Optional.of("ja"), Locale.JAPAN)).isEqualTo(Language.EN);
    assertThat(Language.choose(null, Optional.of("ja"), Locale.US)).isEqualTo(Language.JA);
    assertThat(Language.choose("xx", Optional.empty(), Locale.JAPAN)).isEqualTo(Language.JA);
    assertThat(Language.choose(null, Optional.of("de"), Locale.GERMANY)).isEqualTo(Language.EN);
    assertThat(Language.choose(null, Optional.empty(), null)).isEqualTo(Language.EN);
  }

  @Test
  void text_with_kana_or_kanji_is_japanese() {
    assertThat(Language.ofText("バックアップコードをなくしました")).isEqualTo(Language.JA);
    assertThat(Language.ofText("I lost my phone")).isEqualTo(Language.EN);
    assertThat(Language.ofText(null)).isEqualTo(Language.EN);
  }
}
