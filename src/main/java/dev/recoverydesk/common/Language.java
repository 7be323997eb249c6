package dev.recoverydesk.common;

import java.util.Locale;
import java.util.Optional;

/**
 * The two languages the desk writes in: its pages, mails, texts, forms and questions. Every choice
 * of language goes through {@link #choose}: what the person asked for ({@code ?lang=}, the form),
 * else what the desk already knows (the case's or the account's language), else the browser's, else
 * English.
 */
public enum Language {
  JA("ja", Locale.JAPANESE),
  EN("en", Locale.ENGLISH);

  private final String tag;
  private final Locale locale;

  Language(String tag, Locale locale) {
    this.tag = tag;
    this.locale = locale;
  }

  /** The BCP 47 tag stored with a case and an account, and used in template names. */
  public String tag() {
    return tag;
  }

  public Locale locale() {
    return locale;
  }

  /** The language a tag names exactly ({@code ja}, {@code en}), or empty for anything else. */
  public static Optional<Language> ofTag(String tag) {
    if (tag != null) {
      for (var language : values()) {
        if (language.tag.equalsIgnoreCase(tag.strip())) {
          return Optional.of(language);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The language a locale's tag names, with or without its region ({@code ja}, {@code ja-JP},
   * {@code en_US}), or empty for any other language.
   */
  public static Optional<Language> ofLocaleTag(String tag) {
    return tag == null || tag.isBlank()
        ? Optional.empty()
        : ofTag(Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage());
  }

  /** A stored tag read back: Japanese when it says so, English otherwise. */
  public static Language of(String tag) {
    return ofTag(tag).orElse(EN);
  }

  /** A browser's or a mail's locale: Japanese for any Japanese locale, English otherwise. */
  public static Language of(Locale locale) {
    return locale != null && JA.tag.equals(locale.getLanguage()) ? JA : EN;
  }

  /**
   * The one rule for choosing a language: the person's explicit request, else what the desk knows,
   * else the browser's locale.
   */
  public static Language choose(String requested, Optional<String> known, Locale browser) {
    return ofTag(requested).or(() -> known.flatMap(Language::ofTag)).orElseGet(() -> of(browser));
  }

  /**
   * The language of text that arrived with no other sign of it: Japanese if it has kana or kanji.
   */
  public static Language ofText(CharSequence text) {
    return text != null && text.codePoints().anyMatch(c -> c >= 0x3040 && c <= 0x9FFF) ? JA : EN;
  }
}
