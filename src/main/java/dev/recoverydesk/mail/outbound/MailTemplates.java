package dev.recoverydesk.mail.outbound;

import dev.recoverydesk.common.Language;
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

  private final SpringTemplateEngine engine = engine("email-templates/");

  /**
   * A template engine for a folder of templates: {@code .txt} files as TEXT, {@code .html} files as
   * HTML (escaped by default), in UTF-8, each read once.
   */
  static SpringTemplateEngine engine(String folder) {
    var resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix(folder);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setHtmlTemplateModePatterns(Set.of("*.html"));
    resolver.setTextTemplateModePatterns(Set.of("*.txt"));
    resolver.setCacheable(true);
    resolver.setCheckExistence(true);
    var engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    engine.setEnableSpringELCompiler(true);
    return engine;
  }

  record Rendered(String subject, String text, String html) {}

  Rendered render(String template, Locale locale, Map<String, Object> model) {
    var language = Language.of(locale);
    var context = new Context(language.locale(), model);
    var folder = template + "/" + language.tag() + "/";
    return new Rendered(
        oneLine(engine.process(folder + "subject.txt", context)),
        engine.process(folder + "body.txt", context),
        engine.process(folder + "body.html", context));
  }

  private static String oneLine(String subject) {
    return subject.replaceAll("\\s+", " ").strip();
  }
}
