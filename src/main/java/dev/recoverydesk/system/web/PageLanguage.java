package dev.recoverydesk.system.web;

import dev.recoverydesk.common.Language;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * A page says in {@code Content-Language} the language it is written in. The desk's pages choose it
 * themselves ({@code ?lang=}, else the case's language, else the browser's) and put it in the model
 * as {@code lang}; without this the response would name the browser's language, so a Japanese page
 * opened from an English browser claimed to be English.
 */
@Configuration
class PageLanguage implements WebMvcConfigurer {

  private static final String ATTRIBUTE = PageLanguage.class.getName();

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(
        new HandlerInterceptor() {
          @Override
          public void postHandle(
              HttpServletRequest request,
              HttpServletResponse response,
              Object handler,
              ModelAndView page) {
            if (page != null && page.getModel().get("lang") instanceof String lang) {
              Language.ofTag(lang)
                  .ifPresent(written -> request.setAttribute(ATTRIBUTE, written.locale()));
            }
          }
        });
  }

  /** The page's own language when it chose one, else the browser's {@code Accept-Language}. */
  @Bean
  LocaleResolver localeResolver() {
    return new AcceptHeaderLocaleResolver() {
      @Override
      public Locale resolveLocale(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Locale chosen
            ? chosen
            : super.resolveLocale(request);
      }
    };
  }
}
