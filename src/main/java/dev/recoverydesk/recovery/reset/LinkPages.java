package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.Language;
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

  Language language(CaseId caseId, String requested, Locale browser) {
    return language(requested, records.find(caseId), browser);
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
        language(requested, links.caseOf(token, purpose).flatMap(records::find), browser);
    model.addAttribute("lang", language.tag());
    model.addAttribute("purpose", purpose.name());
    return "recovery/link-gone";
  }

  /** The token is in the address: neither a cache nor a page it links to may keep it. */
  static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }

  private static Language language(
      String requested, Optional<RecoveryCase> recoveryCase, Locale browser) {
    return Language.choose(requested, recoveryCase.map(RecoveryCase::locale), browser);
  }
}
