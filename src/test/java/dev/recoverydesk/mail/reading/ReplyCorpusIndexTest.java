package dev.recoverydesk.mail.reading;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The corpus covers every case of the reply-reading issue. {@code index.yaml} names, for each mail,
 * its client, its language and the cases it shows (tags); below, each case of the issue names the
 * tags that show it. A case of the first list (what replies from real clients showed the desk
 * reading wrong) needs its mails in English and in Japanese; every other case needs one.
 */
class ReplyCorpusIndexTest {

  private static final List<String> LANGUAGES =
      List.of(
          "en", "ja", "de", "fr", "es", "pt", "it", "nl", "ru", "pl", "sv", "da", "no", "zh", "ko");

  /** The first list of the issue, and the replies that gave no answers at all. */
  private static final Map<String, List<String>> IN_ENGLISH_AND_JAPANESE = new LinkedHashMap<>();

  /** The second list, what the reader is built to read, and the questionnaire's shapes. */
  private static final Map<String, List<String>> AT_LEAST_ONCE = new LinkedHashMap<>();

  static {
    IN_ENGLISH_AND_JAPANESE.put("sign-offs", List.of("sign-off"));
    IN_ENGLISH_AND_JAPANESE.put("signature delimiter '-- '", List.of("signature-block/delimiter"));
    IN_ENGLISH_AND_JAPANESE.put(
        "box-drawing or dash rules around a name", List.of("signature-block/rule"));
    IN_ENGLISH_AND_JAPANESE.put(
        "company blocks (name, company, TEL:, Mail:)", List.of("signature-block/company"));
    IN_ENGLISH_AND_JAPANESE.put("client footers", List.of("client-footer"));
    IN_ENGLISH_AND_JAPANESE.put(
        "Outlook's unquoted From:/Sent:/To:/Subject: block (差出人:/送信日時:/宛先:/件名:)",
        List.of("quote-header/outlook-block"));
    IN_ENGLISH_AND_JAPANESE.put(
        "Outlook for Mac's From: … Date: … To: …", List.of("quote-header/outlook-mac"));
    IN_ENGLISH_AND_JAPANESE.put(
        "Gmail's attribution wrapped over two lines", List.of("quote-header/gmail-wrapped"));
    IN_ENGLISH_AND_JAPANESE.put(
        "Yahoo! Japan's '---- Name さんからのメッセージ ----'", List.of("quote-header/yahoo-japan"));
    IN_ENGLISH_AND_JAPANESE.put(
        "Gmail's Japanese '2026年11月21日(土) 10:00 Name <address>:'",
        List.of("quote-header/gmail-ja"));
    IN_ENGLISH_AND_JAPANESE.put(
        "-----Original Message-----", List.of("quote-header/original-message"));
    IN_ENGLISH_AND_JAPANESE.put("Outlook's address<mailto:address>", List.of("html-mailto"));
    IN_ENGLISH_AND_JAPANESE.put("[cid:image001.png] placeholders", List.of("cid-placeholder"));
    IN_ENGLISH_AND_JAPANESE.put(
        "a Shift_JIS mail from a Japanese carrier", List.of("shift-jis-carrier"));
    IN_ENGLISH_AND_JAPANESE.put(
        "Outlook Web, answers typed under each quoted question without quote marks",
        List.of("outlook-web-inline"));

    // the examples of the first list, each at least once
    once("'Thanks, Alice'", "sign-off/thanks-name");
    once("'Best regards, Alice Smith'", "sign-off/best-regards-name");
    once("'よろしくお願いいたします。山田'", "sign-off/yoroshiku-name");
    once("'以上、よろしくお願いします。'", "sign-off/ijou-yoroshiku");
    once("'Sent from my iPhone'", "client-footer/sent-from-my-iphone");
    once("'Sent from Yahoo Mail on Android'", "client-footer/yahoo-mail-android");
    once("'Sent with Proton Mail secure email.'", "client-footer/proton");
    once("'Get Outlook for iOS'", "client-footer/get-outlook-ios");
    once("'iOS 版 Outlook を入手'", "client-footer/get-outlook-ios-ja");
    once("client footers translated", "client-footer/translated");
    once("the Japanese form of Outlook's block", "quote-header/outlook-block-ja");
    // the second list
    once("'Op … schreef'", "attribution/nl");
    once("'escreveu'", "attribution/pt");
    once("'escribió'", "attribution/es");
    once("'написал'", "attribution/ru");
    once("'napisał'", "attribution/pl");
    once("'skrev'", "attribution/sv", "attribution/da", "attribution/no");
    once("'Le … a écrit' wrapped over two lines", "attribution/fr-wrapped");
    once("'Name <…> schrieb am …'", "attribution/de-name-first");
    once("'2016-10-24 15:36 GMT+02:00 Name <…>:'", "date-first-attribution/iso");
    once("'2013/7/20 …'", "date-first-attribution/slash");
    for (String language : List.of("de", "fr", "es", "it", "da", "sv", "ru")) {
      once("Outlook's block in " + language, "localised-outlook/" + language);
    }
    once("blocks that start with Date:", "date-block");
    once("-----Ursprüngliche Nachricht-----", "original-message/de");
    once("-----Mensaje original-----", "original-message/es");
    once("Zoho's '---- On … wrote ----'", "zoho");
    once("bottom-posting", "bottom-posting");
    once("answers typed under each quoted line", "inline-answers");
    once("'Regards, Roman' after the quote", "regards-after-quote");
    once("reply text on the attribution's line", "same-line-attribution");
    once("text between quoted blocks", "text-between-quotes");
    once("CANCEL under the quoted hold notice", "cancel-under-quote");
    once("YES under the guidance", "yes-under-guidance");
    once("'Sent from my desk, is much easier…' is text", "sent-from-my-desk");
    once("a leftover ------ line", "dash-line");
    once("Gmail's tracker glyph ᐧ", "gmail-tracker-glyph");
    // quote headers and footers of the world
    for (String language : LANGUAGES) {
      once("attribution in " + language, "attribution/" + language);
      once("header block in " + language, "localised-outlook/" + language);
      once("Original Message separator in " + language, "original-message/" + language);
      once("mobile footer in " + language, "mobile-footer/" + language);
    }
    once("an attribution wrapped over three lines", "attribution-three-lines");
    once("header blocks in any order", "header-block-any-order");
    // every charset and shape
    once("Shift_JIS", "shift-jis");
    once("CP932 (and its label windows-31j)", "cp932-mapping", "cp932-label");
    once("EUC-JP", "euc-jp");
    once("ISO-2022-JP", "iso-2022-jp");
    once("～ － ‖ ¢ £ ¬ as JIS X 0208 maps them", "jis-mapping");
    once("UTF-8 in base64", "utf-8-base64");
    once("UTF-8 in quoted-printable", "utf-8-qp");
    once("format=flowed, and its DelSp=yes", "format-flowed", "delsp");
    once("HTML only", "html-only");
    once("answers typed in an unquoted questionnaire", "answers-inside-unquoted-questionnaire");
    once("answers typed in a pasted questionnaire", "answers-inside-pasted-questionnaire");
    once("answers typed in a quoted questionnaire", "answers-inside-quoted-questionnaire");
    // where an answer ends
    once("an answer over more lines", "multi-line-answer");
    once("an answer ends at a closing, the next question, a quote header", "answer-ends");
    once("a sign-off alone is never an answer", "sign-off-is-no-answer");
    once("top-posting", "top-posting");
  }

  private static void once(String what, String... tags) {
    for (String tag : tags) {
      AT_LEAST_ONCE.put(what + " (" + tag + ")", List.of(tag));
    }
  }

  /** What the index may also say of a mail, beyond the cases above. */
  private static final Set<String> OTHER_TAGS =
      Set.of(
          "signature-block",
          "carrier-mail",
          "attribution/ja",
          "date-first-attribution",
          "quote-header/becky",
          "client-footer/iphone-kara-soushin",
          "numbering-styles",
          "numbering-full-width",
          "answer-labels",
          "quoted-answers-do-not-count");

  @Test
  void the_corpus_holds_at_least_120_mails_each_beside_its_answers_and_text() throws Exception {
    var index = ReplyCorpus.index();
    Set<String> mails = ReplyCorpus.replies().collect(Collectors.toCollection(TreeSet::new));

    assertThat(mails).hasSizeGreaterThanOrEqualTo(120);
    assertThat(index.keySet()).containsExactlyInAnyOrderElementsOf(mails);
    assertThat(ReplyCorpus.endToEnd())
        .as("mails that also run through the whole desk")
        .isNotEmpty();
    for (String mail : mails) {
      assertThat(new ClassPathResource(ReplyCorpus.FOLDER + mail + ".answers.json"))
          .as(mail + ".answers.json")
          .matches(ClassPathResource::exists);
      assertThat(new ClassPathResource(ReplyCorpus.FOLDER + mail + ".text"))
          .as(mail + ".text")
          .matches(ClassPathResource::exists);
      assertThat(index.get(mail).client()).as(mail + ": its client").isNotBlank();
      assertThat(index.get(mail).language()).as(mail + ": its language").isIn("en", "ja");
      assertThat(index.get(mail).covers()).as(mail + ": what it shows").isNotEmpty();
    }
  }

  @Test
  void each_case_of_the_first_list_has_mails_in_english_and_in_japanese() throws Exception {
    assertThat(withoutMail(IN_ENGLISH_AND_JAPANESE, List.of("en", "ja")))
        .as("cases of the first list without a mail")
        .isEmpty();
  }

  @Test
  void each_other_case_has_a_mail() throws Exception {
    assertThat(withoutMail(AT_LEAST_ONCE, List.of("en|ja"))).as("cases without a mail").isEmpty();
  }

  /** The cases (in which language) that no mail of the index shows. */
  private static List<String> withoutMail(Map<String, List<String>> cases, List<String> languages)
      throws Exception {
    var index = ReplyCorpus.index().values();
    List<String> missing = new ArrayList<>();
    cases.forEach(
        (what, tags) -> {
          for (String language : languages) {
            if (index.stream()
                .noneMatch(
                    entry ->
                        entry.language().matches(language)
                            && entry.covers().stream().anyMatch(tags::contains))) {
              missing.add(what + " " + tags + " in " + language);
            }
          }
        });
    return missing;
  }

  @Test
  void every_tag_of_the_index_names_a_case() throws Exception {
    Set<String> known =
        Stream.of(IN_ENGLISH_AND_JAPANESE.values(), AT_LEAST_ONCE.values())
            .flatMap(lists -> lists.stream().flatMap(List::stream))
            .collect(Collectors.toCollection(TreeSet::new));
    known.addAll(OTHER_TAGS);
    Set<String> unknown = new TreeSet<>();
    ReplyCorpus.index()
        .forEach(
            (mail, entry) ->
                entry.covers().stream().filter(tag -> !known.contains(tag)).forEach(unknown::add));
    assertThat(unknown).as("tags that name no case of the issue").isEmpty();
  }

  /** What a mail's own bytes show when the index says it is of a charset or shape. */
  private static final Map<String, Pattern> SHOWN_BY_THE_MAIL =
      Map.of(
          "shift-jis", Pattern.compile("(?i)charset=\"?shift_jis"),
          "euc-jp", Pattern.compile("(?i)charset=\"?euc-jp"),
          "iso-2022-jp", Pattern.compile("(?i)charset=\"?iso-2022-jp"),
          "cp932-label", Pattern.compile("(?i)charset=\"?(?:windows-31j|cp932|x-sjis)"),
          "utf-8-base64",
              Pattern.compile("(?is)charset=\"?utf-8.*content-transfer-encoding:\\s*base64"),
          "utf-8-qp",
              Pattern.compile(
                  "(?is)charset=\"?utf-8.*content-transfer-encoding:\\s*quoted-printable"),
          "format-flowed", Pattern.compile("(?i)format=\"?flowed"),
          "delsp", Pattern.compile("(?i)delsp=\"?yes"),
          "cid-placeholder", Pattern.compile("\\[cid:"),
          "html-mailto", Pattern.compile("<mailto:|&lt;mailto:"));

  @Test
  void a_mail_said_to_be_of_a_charset_or_shape_is_of_it() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (var mail : ReplyCorpus.index().entrySet()) {
      var raw = new String(ReplyCorpus.bytes(mail.getKey() + ".eml"), StandardCharsets.ISO_8859_1);
      var decoded = decoded(raw);
      SHOWN_BY_THE_MAIL.forEach(
          (tag, shown) -> {
            if (mail.getValue().covers().contains(tag)
                && !shown.matcher(raw).find()
                && !shown.matcher(decoded).find()) {
              wrong.add(mail.getKey() + " " + tag);
            }
          });
    }
    assertThat(wrong).as("mails that do not show what the index says").isEmpty();
  }

  /** The mail's parts as their transfer encoding left them, for what only shows decoded. */
  private static String decoded(String raw) throws Exception {
    var message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    var text = new StringBuilder();
    collect(message, text);
    return text.toString();
  }

  private static void collect(Part part, StringBuilder text) throws Exception {
    if (part.isMimeType("multipart/*")) {
      var multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), text);
      }
    } else if (part.isMimeType("text/*")) {
      try (var in = part.getInputStream()) {
        text.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
  }
}
