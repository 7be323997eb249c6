package dev.recoverydesk.recovery.reset;

import dev.recoverydesk.recovery.cases.CaseRecords;
import dev.recoverydesk.twofactor.BackupCodeAccepted;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner logged in with a backup code during a case: they got back in by themselves, so their
 * open cases end as CANCELLED (and a pending reset never happens).
 */
@Component
class BackInWithACode {

  private static final Logger log = LoggerFactory.getLogger(BackInWithACode.class);

  private final CaseRecords records;
  private final Cancellation cancellation;
  private final TransactionTemplate newTransaction;

  BackInWithACode(
      CaseRecords records, Cancellation cancellation, PlatformTransactionManager transactions) {
    this.records = records;
    this.cancellation = cancellation;
    // After the code check committed, work needs a transaction of its own to be committed.
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @TransactionalEventListener
  void accepted(BackupCodeAccepted event) {
    for (var recoveryCase : records.openedSince(event.username(), Instant.EPOCH)) {
      if (recoveryCase.status().closed()) {
        continue;
      }
      try {
        newTransaction.executeWithoutResult(
            status ->
                cancellation.cancel(recoveryCase.caseId(), Cancellation.Reason.BACKUP_CODE_LOGIN));
      } catch (RuntimeException e) {
        log.warn("Could not cancel case {} after a backup-code login", recoveryCase.caseId(), e);
      }
    }
  }
}
