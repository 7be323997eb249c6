package dev.recoverydesk.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.common.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every mail template, in both languages, renders with its sample data ({@code
 * src/test/resources/email-samples/<template>.json}) and leaves nothing unresolved: a variable the
 * sample lacks, a missing language or a missing part fails the build.
 */
class MailTemplatesTest {

  private final MailTemplates templates = new MailTemplates();

  static Stream<String> templates() throws IOException {
    var names = new TreeSet<String>();
    for (var resource :
        new PathMatchingResourcePatternResolver()
            .getResources("classpath*:email-templates/*/*/*")) {
      var path = resource.getURL().getPath();
      var parts = path.substring(path.indexOf("email-templates/")).split("/");
      names.add(parts[1]);
    }
    return names.stream();
  }

  @Test
  void there_are_templates() throws IOException {
    assertThat(templates()).contains("contact-check", "backup-codes-issued");
  }

  @ParameterizedTest
  @MethodSource("templates")
  void renders_in_both_languages_with_nothing_left_unresolved(String template) throws IOException {
    var sample = sample(template);
    for (var tag : Language.values()) {
      var language = tag.tag();
      for (String part : new String[] {"subject.txt", "body.txt", "body.html"}) {
        assertThat(
                new ClassPathResource("email-templates/" + template + "/" + language + "/" + part))
            .as(template + "/" + language + "/" + part)
            .matches(ClassPathResource::exists);
      }
      for (String part : new String[] {"subject.txt", "body.txt", "body.html"}) {
        var source = source(template + "/" + language + "/" + part);
        var loops = new java.util.HashSet<String>();
        var each = LOOP.matcher(source);
        while (each.find()) {
          loops.add(each.group(1));
        }
        var used = VARIABLE.matcher(source);
        while (used.find()) {
          if (!loops.contains(used.group(1))) {
            assertThat(sample)
                .as("%s/%s/%s uses ${%s}", template, language, part, used.group(1))
                .containsKey(used.group(1));
          }
        }
      }
      var rendered = templates.render(template, Locale.forLanguageTag(language), sample);
      for (String text : new String[] {rendered.subject(), rendered.text(), rendered.html()}) {
        assertThat(text).isNotBlank().doesNotContain("[[", "]]", "${", "th:");
      }
      assertThat(rendered.subject()).doesNotContain("\n");
      var selectors = (java.util.List<?>) sample.getOrDefault("_selectors", java.util.List.of());
      for (var entry : sample.entrySet()) {
        var value = entry.getValue();
        // Flags and selectors steer the text; they are not shown themselves.
        if (value instanceof Boolean
            || entry.getKey().startsWith("_")
            || selectors.contains(entry.getKey())) {
          continue;
        }
        var shown = value instanceof java.util.List<?> list ? list : java.util.List.of(value);
        for (Object item : shown) {
          assertThat(rendered.subject() + rendered.text())
              .as("%s/%s shows %s", template, language, item)
              .contains(String.valueOf(item));
        }
      }
    }
  }

  private static final Pattern LOOP =
      Pattern.compile("th:each=\"\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");

  private static String source(String path) throws IOException {
    try (var in = new ClassPathResource("email-templates/" + path).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, Object> sample(String template) throws IOException {
    var resource = new ClassPathResource("email-samples/" + template + ".json");
    assertThat(resource.exists()).as("sample data for " + template).isTrue();
    try (var in = resource.getInputStream()) {
      return new ObjectMapper().readValue(in, new TypeReference<>() {});
    }
  }
}
