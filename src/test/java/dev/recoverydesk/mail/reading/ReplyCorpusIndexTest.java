package dev.recoverydesk.mail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The corpus covers what replies from real clients showed the desk reading wrong: {@code
 * index.yaml} names, for each mail, its client, its language and the cases it shows, and every case
 * below has its mails (those of the first list in English and in Japanese both).
 */
class ReplyCorpusIndexTest {

  /** The first list: each in English and in Japanese. */
  private static final Map<String, List<String>> IN_ENGLISH_AND_JAPANESE =
      Map.of(
          "sign-offs", List.of("sign-off"),
          "signature blocks", List.of("signature-block"),
          "client footers", List.of("client-footer"),
          "quote headers the trimmer did not know",
              List.of(
                  "quote-header-outlook-block",
                  "quote-header-outlook-block-ja",
                  "quote-header-outlook-mac",
                  "quote-header-gmail-wrapped",
                  "quote-header-gmail-ja",
                  "quote-header-yahoo-japan",
                  "quote-header-original-message"),
          "HTML to text", List.of("html-to-text"));

  /** Every other case, each shown at least once. */
  private static final List<String> AT_LEAST_ONCE =
      List.of(
          // replies that gave no answers at all
          "shift-jis",
          "carrier-mail",
          "answers-inside-unquoted-questionnaire",
          // attributions in other languages and word orders
          "attribution-nl",
          "attribution-pt",
          "attribution-es",
          "attribution-ru",
          "attribution-pl",
          "attribution-sv",
          "attribution-da",
          "attribution-no",
          "attribution-fr",
          "attribution-de",
          "attribution-it",
          "attribution-zh",
          "attribution-ko",
          "attribution-ja",
          "date-first-attribution",
          // localised Outlook blocks, in any order, and blocks that start with Date:
          "outlook-block-de",
          "outlook-block-fr",
          "outlook-block-es",
          "outlook-block-it",
          "outlook-block-da",
          "outlook-block-sv",
          "outlook-block-ru",
          "outlook-block-nl",
          "outlook-block-pl",
          "outlook-block-pt",
          "outlook-block-no",
          "outlook-block-zh",
          "outlook-block-ko",
          "outlook-block-any-order",
          "outlook-block-date-first",
          // "Original Message" variants
          "original-message-de",
          "original-message-es",
          "original-message-fr",
          "original-message-zoho",
          "original-message-ja",
          // text below or between quotes
          "bottom-posting",
          "inline-answers",
          "text-after-quote",
          "text-between-quotes",
          "text-on-attribution-line",
          "cancel-or-yes-below-quote",
          // over-eager rules
          "over-eager-sent-from",
          "over-eager-leftover-rule",
          "tracker-glyph",
          // charsets and shapes
          "iso-2022-jp",
          "euc-jp",
          "cp932-mapping",
          "jis-mapping",
          "cp932-label",
          "utf-8-base64",
          "utf-8-qp",
          "format-flowed",
          "delsp",
          "html-only",
          // the questionnaire, answered every way
          "answers-inside-quoted-questionnaire",
          "answers-inside-pasted-questionnaire",
          "numbering-styles",
          "numbering-full-width",
          "answer-labels",
          "multi-line-answer",
          "answer-ends",
          "sign-off-is-no-answer",
          "quoted-answers-do-not-count",
          "footer-translated");

  record Entry(String client, String language, List<String> covers, String notes) {}

  @Test
  void the_corpus_holds_every_case_in_at_least_120_mails() throws Exception {
    Map<String, Entry> index = index();
    Set<String> mails =
        ReplyCorpusReadingTest.replies().collect(Collectors.toCollection(TreeSet::new));

    assertThat(mails).hasSizeGreaterThanOrEqualTo(120);
    assertThat(index.keySet()).containsExactlyInAnyOrderElementsOf(mails);
    for (String mail : mails) {
      assertThat(new ClassPathResource(ReplyCorpusReadingTest.CORPUS + mail + ".answers.json"))
          .as(mail + ".answers.json")
          .matches(ClassPathResource::exists);
      assertThat(new ClassPathResource(ReplyCorpusReadingTest.CORPUS + mail + ".text"))
          .as(mail + ".text")
          .matches(ClassPathResource::exists);
      assertThat(index.get(mail).client()).as(mail + ": its client").isNotBlank();
      assertThat(index.get(mail).language()).as(mail + ": its language").isIn("en", "ja");
    }

    IN_ENGLISH_AND_JAPANESE.forEach(
        (bullet, tags) -> {
          for (String language : List.of("en", "ja")) {
            assertThat(index.values())
                .as(bullet + " in " + language)
                .anyMatch(
                    entry ->
                        entry.language().equals(language)
                            && entry.covers().stream().anyMatch(tags::contains));
          }
          for (String tag : tags) {
            assertThat(index.values()).as(tag).anyMatch(entry -> entry.covers().contains(tag));
          }
        });
    for (String tag : AT_LEAST_ONCE) {
      assertThat(index.values()).as(tag).anyMatch(entry -> entry.covers().contains(tag));
    }
  }

  private static Map<String, Entry> index() throws Exception {
    try (var in =
        new ClassPathResource(ReplyCorpusReadingTest.CORPUS + "index.yaml").getInputStream()) {
      return new ObjectMapper(new YAMLFactory())
          .readValue(in, new TypeReference<LinkedHashMap<String, Entry>>() {});
    }
  }
}
