package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.twofactor.BackupCodes;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * {@code /recovery/codes/<token>}: the one-time page with the new backup codes. {@code GET} only
 * shows a button, so mail scanners that open links do not use it up; the button's {@code POST}
 * (with its CSRF token) makes the new set, shows it once and uses the link. Afterwards, and for
 * unknown or expired links, the answer is {@code 410 Gone}.
 */
@Controller
class CodesPage {

  private final OneTimeLinks links;
  private final BackupCodes backupCodes;
  private final CaseRecords records;
  private final AuditLog audit;

  CodesPage(OneTimeLinks links, BackupCodes backupCodes, CaseRecords records, AuditLog audit) {
    this.links = links;
    this.backupCodes = backupCodes;
    this.records = records;
    this.audit = audit;
  }

  @GetMapping("/recovery/codes/{token}")
  String confirm(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String lang,
      Model model,
      HttpServletResponse response) {
    noStore(response);
    var link = links.peek(token, OneTimeLinks.Purpose.CODES);
    if (link.isEmpty()) {
      response.setStatus(HttpStatus.GONE.value());
      return "recovery/link-gone";
    }
    model.addAttribute("username", link.get().username());
    model.addAttribute("lang", language(link.get(), lang));
    return "recovery/codes-confirm";
  }

  @PostMapping("/recovery/codes/{token}")
  @Transactional
  String reveal(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String lang,
      Model model,
      HttpServletResponse response) {
    noStore(response);
    var link = links.use(token, OneTimeLinks.Purpose.CODES);
    if (link.isEmpty()) {
      response.setStatus(HttpStatus.GONE.value());
      return "recovery/link-gone";
    }
    var codes = backupCodes.issue(link.get().username());
    records.event(link.get().caseId(), "NEW_CODES_SHOWN", codes.size() + " codes");
    audit.record("CODES_LINK_USED", "case:" + link.get().caseId(), Map.of());
    model.addAttribute("username", link.get().username());
    model.addAttribute("codes", codes);
    var language = language(link.get(), lang);
    model.addAttribute("lang", language);
    model.addAttribute("download", download(link.get().username(), codes, language));
    return "recovery/codes-shown";
  }

  /**
   * The codes as a text file the browser saves itself (a {@code data:} link): no second request,
   * nothing for a cache or a log to keep.
   */
  private static String download(String username, List<String> codes, String lang) {
    var text = new StringBuilder();
    text.append(
            "ja".equals(lang)
                ? "@" + username + " のバックアップコード（上から順に1つずつ使ってください）"
                : "Backup codes for @" + username + " (use one at a time, in this order)")
        .append("\r\n\r\n");
    for (int i = 0; i < codes.size(); i++) {
      text.append(i + 1).append(". ").append(codes.get(i)).append("\r\n");
    }
    return "data:text/plain;charset=utf-8,"
        + UriUtils.encode(text.toString(), StandardCharsets.UTF_8);
  }

  /** {@code ?lang=ja} or {@code ?lang=en} if asked, else the case's language. */
  private String language(OneTimeLinks.Link link, String requested) {
    if ("ja".equals(requested) || "en".equals(requested)) {
      return requested;
    }
    return records.find(link.caseId()).map(c -> c.locale()).orElse("en");
  }

  private static void noStore(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
  }
}
