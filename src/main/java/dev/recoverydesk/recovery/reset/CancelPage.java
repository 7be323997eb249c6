package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.recovery.cases.CaseRecords;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
  private final AuditLog audit;

  CancelPage(OneTimeLinks links, Cancellation cancellation, CaseRecords records, AuditLog audit) {
    this.links = links;
    this.cancellation = cancellation;
    this.records = records;
    this.audit = audit;
  }

  @GetMapping("/recovery/cancel/{token}")
  String confirm(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String lang,
      Model model,
      HttpServletResponse response) {
    noStore(response);
    var link = links.peek(token, OneTimeLinks.Purpose.CANCEL);
    if (link.isEmpty() || !inHold(link.get())) {
      response.setStatus(HttpStatus.GONE.value());
      return "recovery/link-gone";
    }
    model.addAttribute("username", link.get().username());
    model.addAttribute("lang", language(link.get(), lang));
    return "recovery/cancel-confirm";
  }

  @PostMapping("/recovery/cancel/{token}")
  @Transactional
  String cancel(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String lang,
      Model model,
      HttpServletResponse response) {
    noStore(response);
    var link = links.peek(token, OneTimeLinks.Purpose.CANCEL);
    if (link.isEmpty()
        || !inHold(link.get())
        || links.use(token, OneTimeLinks.Purpose.CANCEL).isEmpty()) {
      response.setStatus(HttpStatus.GONE.value());
      return "recovery/link-gone";
    }
    cancellation.cancel(link.get().caseId(), "cancel link");
    audit.record("RESET_CANCELLED", "case:" + link.get().caseId(), Map.of("by", "cancel link"));
    model.addAttribute("username", link.get().username());
    model.addAttribute("lang", language(link.get(), lang));
    return "recovery/cancelled";
  }

  private boolean inHold(OneTimeLinks.Link link) {
    return records
        .find(link.caseId())
        .map(c -> c.status() == dev.recoverydesk.recovery.CaseStatus.RESET_PENDING)
        .orElse(false);
  }

  /** {@code ?lang=ja} or {@code ?lang=en} if asked, else the case's language. */
  private String language(OneTimeLinks.Link link, String requested) {
    if ("ja".equals(requested) || "en".equals(requested)) {
      return requested;
    }
    return records.find(link.caseId()).map(c -> c.locale()).orElse("en");
  }

  /** The token is in the address: neither a cache nor a page it links to may keep it. */
  private static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }
}
