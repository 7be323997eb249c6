package dev.recoverydesk.mail.outbound;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code email-templates/<name>/<language>/{subject.txt,body.txt,body.html}}: one folder a
 * mail, one sub-folder a language, readable top to bottom. Text files are Thymeleaf TEXT templates
 * ({@code [[${caseId}]]}), HTML files are HTML templates, escaped by default.
 */
@Component
class MailTemplates {

  static final Set<String> LANGUAGES = Set.of("en", "ja");
  private static final String FALLBACK = "en";

  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  MailTemplates() {
    var resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("email-templates/");
    resolver.setCharacterEncoding("UTF-8");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
    resolver.setTextTemplateModePatterns(Set.of("*.txt"));
    resolver.setCacheable(true);
    resolver.setCheckExistence(true);
    engine.setTemplateResolver(resolver);
    engine.setEnableSpringELCompiler(true);
  }

  record Rendered(String subject, String text, String html) {}

  Rendered render(String template, Locale locale, Map<String, Object> model) {
    var language = language(locale);
    var context = new Context(Locale.forLanguageTag(language), model);
    var folder = template + "/" + language + "/";
    return new Rendered(
        oneLine(engine.process(folder + "subject.txt", context)),
        engine.process(folder + "body.txt", context),
        engine.process(folder + "body.html", context));
  }

  static String language(Locale locale) {
    var language = locale == null ? FALLBACK : locale.getLanguage();
    return LANGUAGES.contains(language) ? language : FALLBACK;
  }

  private static String oneLine(String subject) {
    return subject.replaceAll("\\s+", " ").strip();
  }
}
