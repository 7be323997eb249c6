package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.recovery.RecoveryCase;
import dev.recoverydesk.recovery.cases.CaseRecords;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the pages behind one-time links share: the page's language ({@code ?lang=ja} or {@code
 * ?lang=en} if asked, else the case's, else the browser's), the headers that keep the token out of
 * caches and referrers, and the {@code 410} page for a link that no longer works.
 */
@Component
class LinkPages {

  private final OneTimeLinks links;
  private final CaseRecords records;

  LinkPages(OneTimeLinks links, CaseRecords records) {
    this.links = links;
    this.records = records;
  }

  String language(CaseId caseId, String requested, Locale browser) {
    if ("ja".equals(requested) || "en".equals(requested)) {
      return requested;
    }
    return language(records.find(caseId), browser);
  }

  /** The {@code 410} page, in the language of the case the token was made for. */
  String gone(
      String token,
      OneTimeLinks.Purpose purpose,
      String requested,
      Locale browser,
      Model model,
      HttpServletResponse response) {
    response.setStatus(HttpStatus.GONE.value());
    var language =
        "ja".equals(requested) || "en".equals(requested)
            ? requested
            : language(links.caseOf(token, purpose).flatMap(records::find), browser);
    model.addAttribute("lang", language);
    model.addAttribute("purpose", purpose.name());
    return "recovery/link-gone";
  }

  /** The token is in the address: neither a cache nor a page it links to may keep it. */
  static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  private static String language(Optional<RecoveryCase> recoveryCase, Locale browser) {
    return recoveryCase
        .map(RecoveryCase::locale)
        .orElse("ja".equals(browser.getLanguage()) ? "ja" : "en");
  }
}
