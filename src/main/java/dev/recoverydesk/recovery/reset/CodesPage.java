package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.audit.AuditSubject;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.recovery.cases.CaseEventKind;
import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.twofactor.BackupCodes;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  private final LinkPages pages;
  private final AuditLog audit;

  CodesPage(
      OneTimeLinks links,
      BackupCodes backupCodes,
      CaseRecords records,
      LinkPages pages,
      AuditLog audit) {
    this.links = links;
    this.backupCodes = backupCodes;
    this.records = records;
    this.pages = pages;
    this.audit = audit;
  }

  @GetMapping("/recovery/codes/{token}")
  String confirm(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String lang,
      Locale browser,
      Model model,
      HttpServletResponse response) {
    LinkPages.noStore(response);
    var link = links.peek(token, OneTimeLinks.Purpose.CODES);
    if (link.isEmpty()) {
      return pages.gone(token, OneTimeLinks.Purpose.CODES, lang, browser, model, response);
    }
    model.addAttribute("username", link.get().username());
    model.addAttribute("lang", pages.language(link.get().caseId(), lang, browser).tag());
    return "recovery/codes-confirm";
  }

  @PostMapping("/recovery/codes/{token}")
  @Transactional
  String reveal(
      @PathVariable String token,
      @RequestParam(defaultValue = "") String lang,
      Locale browser,
      Model model,
      HttpServletResponse response) {
    LinkPages.noStore(response);
    var link = links.use(token, OneTimeLinks.Purpose.CODES);
    if (link.isEmpty()) {
      return pages.gone(token, OneTimeLinks.Purpose.CODES, lang, browser, model, response);
    }
    // Shown and saved in groups of four, which the check accepts with or without the spaces.
    var codes =
        backupCodes.issue(link.get().username()).stream().map(BackupCodes::grouped).toList();
    records.event(link.get().caseId(), CaseEventKind.NEW_CODES_SHOWN, codes.size() + " codes");
    audit.record("CODES_LINK_USED", AuditSubject.of(link.get().caseId()), Map.of());
    model.addAttribute("username", link.get().username());
    model.addAttribute("codes", codes);
    var language = pages.language(link.get().caseId(), lang, browser);
    model.addAttribute("lang", language.tag());
    model.addAttribute("download", download(link.get().username(), codes, language));
    return "recovery/codes-shown";
  }

  /**
   * The codes as a text file the browser saves itself (a {@code data:} link): no second request,
   * nothing for a cache or a log to keep.
   */
  private static String download(String username, List<String> codes, Language language) {
    var text = new StringBuilder();
    text.append(
            language == Language.JA
                ? "@" + username + " のバックアップコード（上から順に1つずつ使ってください）"
                : "Backup codes for @" + username + " (use one at a time, in this order)")
        .append("\r\n\r\n");
    for (int i = 0; i < codes.size(); i++) {
      text.append(i + 1).append(". ").append(codes.get(i)).append("\r\n");
    }
    return "data:text/plain;charset=utf-8,"
        + UriUtils.encode(text.toString(), StandardCharsets.UTF_8);
  }
}
