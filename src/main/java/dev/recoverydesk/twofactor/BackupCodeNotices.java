package dev.recoverydesk.twofactor;

import dev.recoverydesk.account.AccountDirectory;
import dev.recoverydesk.audit.AuditLog;
import dev.recoverydesk.common.Language;
import dev.recoverydesk.common.UserTime;
import dev.recoverydesk.mail.Mailer;
import dev.recoverydesk.mail.OutboundMail;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the registered address whenever a new set of backup codes replaces the old one (NIST SP
 * 800-63B-4: issuing recovery codes is a notifiable event), so a set made by someone else does not
 * go unnoticed. The mail names no code.
 */
@Component
class BackupCodeNotices {

  private static final Logger log = LoggerFactory.getLogger(BackupCodeNotices.class);

  private final AccountDirectory accounts;
  private final Mailer mailer;
  private final AuditLog audit;
  private final TransactionTemplate newTransaction;

  BackupCodeNotices(
      AccountDirectory accounts,
      Mailer mailer,
      AuditLog audit,
      PlatformTransactionManager transactions) {
    this.accounts = accounts;
    this.mailer = mailer;
    this.audit = audit;
    // After the issuing transaction committed, the record of the sent mail needs its own.
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @TransactionalEventListener
  void issued(BackupCodesIssued event) {
    newTransaction.executeWithoutResult(status -> notify(event));
  }

  private void notify(BackupCodesIssued event) {
    var account = accounts.contact(event.username()).orElse(null);
    if (account == null) {
      return;
    }
    var language = Language.of(account.locale());
    try {
      mailer.send(
          OutboundMail.notice(
              account.email(),
              "backup-codes-issued",
              language.locale(),
              Map.of(
                  "username", account.username(),
                  "displayName", account.displayName(),
                  "issuedAt",
                      UserTime.format(event.issuedAt(), UserTime.zone(language, account.ownZone())),
                  "count", event.count())));
    } catch (RuntimeException e) {
      log.warn("Could not send the new-codes notice for account {}", account.username(), e);
      audit.record(
          "NOTICE_FAILED",
          "account:" + account.username(),
          Map.of("notice", "backup-codes-issued"));
    }
  }
}
