package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.audit.AuditSubject;
import dev.recoverydesk.recovery.cases.CaseRecords;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /recovery/cancel/<token>}: the owner refuses a pending reset. {@code GET} only asks for
 * confirmation (link scanners must not cancel); the button's {@code POST} cancels. A used, expired
 * or unknown link answers {@code 410}.
 */
@Controller
class CancelPage {

  private final OneTimeLinks links;
  private final Cancellation cancellation;
  private final CaseRecords records;
  private final LinkPages pages;
  private final AuditLog audit;

  CancelPage(
      OneTimeLinks links,
      Cancellation cancellation,
      CaseRecords records,
      LinkPages pages,
      AuditLog audit) {
    this.links = links;
    this.cancellation = cancellation;
    this.records = records;
    this.pages = pages;
    this.audit = audit;
  }

  @GetMapping("/recovery/cancel/{token}")
  String confirm(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String lang,
      Locale browser,
      Model model,
      HttpServletResponse response) {
    LinkPages.noStore(response);
    var link = links.peek(token, OneTimeLinks.Purpose.CANCEL);
    if (link.isEmpty() || !inHold(link.get())) {
      return pages.gone(token, OneTimeLinks.Purpose.CANCEL, lang, browser, model, response);
    }
    model.addAttribute("username", link.get().username());
    model.addAttribute("lang", pages.language(link.get().caseId(), lang, browser).tag());
    return "recovery/cancel-confirm";
  }

  @PostMapping("/recovery/cancel/{token}")
  @Transactional
  String cancel(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String lang,
      Locale browser,
      Model model,
      HttpServletResponse response) {
    LinkPages.noStore(response);
    var link = links.peek(token, OneTimeLinks.Purpose.CANCEL);
    if (link.isEmpty()
        || !inHold(link.get())
        || links.use(token, OneTimeLinks.Purpose.CANCEL).isEmpty()) {
      return pages.gone(token, OneTimeLinks.Purpose.CANCEL, lang, browser, model, response);
    }
    cancellation.cancel(link.get().caseId(), Cancellation.Reason.CANCEL_LINK);
    audit.record(
        "RESET_CANCELLED", AuditSubject.of(link.get().caseId()), Map.of("by", "cancel link"));
    model.addAttribute("username", link.get().username());
    model.addAttribute("lang", pages.language(link.get().caseId(), lang, browser).tag());
    return "recovery/cancelled";
  }

  private boolean inHold(OneTimeLinks.Link link) {
    return records
        .find(link.caseId())
        .map(c -> c.status() == dev.recoverydesk.recovery.CaseStatus.RESET_PENDING)
        .orElse(false);
  }
}
