package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.account.DeviceIds;
import dev.recoverydesk.account.Usernames;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.recovery.CasePolicy;
import dev.recoverydesk.recovery.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.WebUtils;

/**
 * {@code /recovery}: the small web form a locked-out user fills in (Japanese or English). It opens
 * a case exactly as the API does, answers the same whether or not the account exists, and shows the
 * case number to keep on a page of its own ({@code /recovery/received}), so a reload sends nothing
 * again. Served within the platform's site, it passes on the platform's device cookie: a request
 * from a device the account signed in on counts as a proof.
 */
@Controller
class RequestPage {

  private static final String RECEIVED = RequestPage.class.getName() + ".received";

  /** What this browser's last request opened, kept in its session for the page after the post. */
  record Received(String caseId, String contactEmail, String lang) implements Serializable {}

  private final CaseIntake intake;
  private final CasePolicy policy;

  RequestPage(CaseIntake intake, CasePolicy policy) {
    this.intake = intake;
    this.policy = policy;
  }

  @GetMapping("/recovery")
  String form(@RequestParam(defaultValue = "") String lang, Model model, Locale locale) {
    model.addAttribute("lang", Language.choose(lang, Optional.empty(), locale).tag());
    model.addAttribute("errors", Map.of());
    return "recovery/request";
  }

  @PostMapping("/recovery")
  ModelAndView submit(
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String contactEmail,
      @RequestParam(defaultValue = "") String problem,
      @RequestParam(defaultValue = "") String description,
      @RequestParam(defaultValue = "") String lang,
      Model model,
      Locale locale,
      HttpServletRequest request,
      HttpServletResponse response) {
    var language = Language.choose(lang, Optional.empty(), locale);
    var errors = new LinkedHashMap<String, String>();
    if (Usernames.canonical(username).isEmpty()) {
      errors.put(
          "username",
          language == Language.JA
              ? "ユーザー名を入力してください（英数字と _）"
              : "Enter your username (letters, digits, _)");
    }
    var contact = EmailAddress.parseReachable(contactEmail);
    if (contact.isEmpty()) {
      errors.put(
          "contactEmail",
          language == Language.JA
              ? "メールアドレスを1つ、最後まで入力してください（例：name@example.com）"
              : "Enter one whole email address, like name@example.com");
    }
    Optional<Problem> chosen = Optional.empty();
    if (!problem.isBlank()) {
      try {
        chosen = Optional.of(Problem.valueOf(problem));
      } catch (IllegalArgumentException unknown) {
        errors.put(
            "problem",
            language == Language.JA ? "一覧から選んでください" : "Choose one of the listed problems");
      }
    }
    if (description.length() > 5000) {
      errors.put(
          "description", language == Language.JA ? "5000文字以内で入力してください" : "At most 5000 characters");
    }
    model.addAttribute("lang", language.tag());
    if (!errors.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("errors", errors);
      model.addAttribute("username", username);
      model.addAttribute("contactEmail", contactEmail);
      model.addAttribute("problem", problem);
      model.addAttribute("description", description);
      return new ModelAndView("recovery/request");
    }
    try {
      var opened =
          intake.open(
              new CaseIntake.Request(
                  username,
                  contact.get(),
                  chosen,
                  description,
                  Optional.of(language),
                  "WEB",
                  deviceId(request),
                  Optional.of(IntakeLimits.clientOf(request))));
      // After the post, a page of its own: reloading it shows the number again, never a second
      // case.
      request
          .getSession()
          .setAttribute(
              RECEIVED,
              new Received(opened.caseId().value(), contact.get().value(), language.tag()));
      // A session id someone else may have planted must not lead to the case's details.
      request.changeSessionId();
      var next = new RedirectView("/recovery/received", true);
      next.setStatusCode(HttpStatus.SEE_OTHER);
      return new ModelAndView(next);
    } catch (IntakeLimited limited) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader(
          HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfter().orElseThrow().toSeconds()));
      model.addAttribute("errors", Map.of("form", tooMany(limited.limit(), language)));
      return new ModelAndView("recovery/request");
    }
  }

  private static String tooMany(IntakeLimited.Limit limit, Language language) {
    var japanese = language == Language.JA;
    return switch (limit) {
      case ACCOUNT ->
          japanese
              ? "このアカウントについては最近すでにお申し込みがあります。届いたメールをご確認ください。"
              : "We already have recent requests for this account. Please check the mail we sent.";
      case CONTACT ->
          japanese
              ? "このメールアドレスには最近すでにご案内をお送りしています。届いたメールをご確認ください。"
              : "We already have recent requests for this email address. Please check the mail we"
                  + " sent there.";
      case CLIENT ->
          japanese
              ? "お使いのネットワークからのお申し込みが多すぎます。しばらくしてからもう一度お試しください。"
              : "Too many requests came from your network. Please try again later.";
    };
  }

  /** The case this browser opened last; without one, the form. */
  @GetMapping("/recovery/received")
  String received(HttpServletRequest request, Model model) {
    var session = request.getSession(false);
    if (session == null || !(session.getAttribute(RECEIVED) instanceof Received received)) {
      return "redirect:/recovery";
    }
    model.addAttribute("lang", received.lang());
    model.addAttribute("caseId", received.caseId());
    model.addAttribute("contactEmail", received.contactEmail());
    return "recovery/request-received";
  }

  private Optional<String> deviceId(HttpServletRequest request) {
    var cookie = WebUtils.getCookie(request, policy.deviceCookie());
    return cookie == null || !DeviceIds.wellFormed(cookie.getValue())
        ? Optional.empty()
        : Optional.of(cookie.getValue());
  }
}
