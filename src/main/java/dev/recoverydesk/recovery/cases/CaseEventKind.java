package dev.recoverydesk.recovery.cases;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.recovery.CaseStatus;
import java.util.Optional;

/**
 * Every kind of line a case's timeline has, with what it means in English and Japanese for the
 * agents' forms. The timeline stores the kind's {@link #code()} (the case API shows it as
 * recorded); a stored code that names no kind here is shown as the code itself.
 */
public enum CaseEventKind {
  CASE_OPENED("Request received", "依頼を受付"),
  KNOWN_DEVICE("Sent from a device of the account", "アカウントの端末から送信"),
  UNKNOWN_DEVICE("Sent from a device the account lacks", "アカウントにない端末から送信"),
  MAIL_ATTACHED("Mail attached by an agent", "担当者がメールを紐付け"),
  PROBLEM_CLASSIFIED("Problem classified", "問題の種類を判定"),
  PROBLEM_CONFIRMED("Problem confirmed by an agent", "担当者が問題の種類を確認"),
  SELF_SERVICE_OPTIONS("Self-service options found", "ユーザー自身で試せる方法を確認"),
  SMS_CHECK_SENT("Check code sent by SMS", "確認コードをSMSで送信"),
  SMS_CODE_CONFIRMED("The user confirmed the SMS code", "ユーザーがSMSのコードを確認"),
  USER_SOLVED_IT("The user solved it alone", "ユーザー自身で解決"),
  USER_STILL_LOCKED_OUT("The user is still locked out", "ユーザーはまだログインできない"),
  MAIL_SENT("Mail sent", "メールを送信"),
  REPLY_RECEIVED("Reply received", "返信を受信"),
  REPLY_FROM_OTHER_SENDER("Reply from another sender", "別の送信者からの返信"),
  REPLY_NOT_EXPECTED("Reply while none was awaited", "返信を待っていないときの返信"),
  SCORED("Answers scored", "回答を採点"),
  EVIDENCE("Proofs and risk signals assessed", "証拠とリスクシグナルを評価"),
  TASK_ESCALATED("Task escalated", "タスクをエスカレーション"),
  REVIEW_APPROVE("Review: approved", "審査：承認"),
  REVIEW_REJECT("Review: rejected", "審査：却下"),
  REVIEW_MORE_INFO("Review: more information asked", "審査：追加情報を依頼"),
  APPROVAL_APPROVE("Second approval: approved", "二次承認：承認"),
  APPROVAL_REJECT("Second approval: rejected", "二次承認：却下"),
  HOLD_NOTICES_SENT("Hold notices sent", "保留期間の通知を送信"),
  CANCEL_REQUESTED("Cancellation requested", "取り消しの依頼"),
  NEW_CODES_SHOWN("New backup codes shown", "新しいバックアップコードを表示"),
  CONTACT_BOUNCED("Mail to the contact address bounced", "連絡先アドレスへのメールが不達"),
  CONTACT_SOFT_BOUNCE("Mail to the contact address delayed", "連絡先アドレスへのメールが一時的に不達"),
  CASE_SUSPENDED("Case suspended", "ケースを一時停止"),
  CLOSED_NOTICE_SENT("Closing notice sent", "終了のお知らせを送信"),
  STATUS_OPEN("Status: open", "状態：受付"),
  STATUS_AWAITING_USER("Status: awaiting the user", "状態：ユーザーの返信待ち"),
  STATUS_IN_REVIEW("Status: in review", "状態：審査中"),
  STATUS_AWAITING_APPROVAL("Status: awaiting approval", "状態：二次承認待ち"),
  STATUS_RESET_PENDING("Status: reset pending (hold)", "状態：リセット保留中"),
  STATUS_RESOLVED("Status: resolved", "状態：解決"),
  STATUS_REJECTED("Status: rejected", "状態：却下"),
  STATUS_CANCELLED("Status: cancelled", "状態：取り消し"),
  STATUS_EXPIRED("Status: expired", "状態：期限切れ");

  private final String english;
  private final String japanese;

  CaseEventKind(String english, String japanese) {
    this.english = english;
    this.japanese = japanese;
  }

  /** The code the timeline stores and the case API shows. */
  public String code() {
    return name();
  }

  /** What the kind means, in a language. */
  public String label(Language language) {
    return language == Language.JA ? japanese : english;
  }

  /** The kind a stored code names, or empty for a code of no kind known here. */
  public static Optional<CaseEventKind> ofCode(String code) {
    for (var kind : values()) {
      if (kind.code().equals(code)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** A stored code in words, or the code itself when it names no kind known here. */
  public static String label(String code, Language language) {
    return ofCode(code).map(kind -> kind.label(language)).orElse(code);
  }

  /** The line of a case reaching a status. */
  public static CaseEventKind of(CaseStatus status) {
    return switch (status) {
      case OPEN -> STATUS_OPEN;
      case AWAITING_USER -> STATUS_AWAITING_USER;
      case IN_REVIEW -> STATUS_IN_REVIEW;
      case AWAITING_APPROVAL -> STATUS_AWAITING_APPROVAL;
      case RESET_PENDING -> STATUS_RESET_PENDING;
      case RESOLVED -> STATUS_RESOLVED;
      case REJECTED -> STATUS_REJECTED;
      case CANCELLED -> STATUS_CANCELLED;
      case EXPIRED -> STATUS_EXPIRED;
    };
  }

  /**
   * The line of an identity review's decision ({@code APPROVE}, {@code REJECT}, {@code MORE_INFO}).
   */
  public static CaseEventKind review(String decision) {
    return switch (decision) {
      case "APPROVE" -> REVIEW_APPROVE;
      case "REJECT" -> REVIEW_REJECT;
      case "MORE_INFO" -> REVIEW_MORE_INFO;
      default -> throw new IllegalArgumentException("Not a review decision: " + decision);
    };
  }

  /** The line of a second approval's decision ({@code APPROVE}, {@code REJECT}). */
  public static CaseEventKind approval(String decision) {
    return switch (decision) {
      case "APPROVE" -> APPROVAL_APPROVE;
      case "REJECT" -> APPROVAL_REJECT;
      default -> throw new IllegalArgumentException("Not an approval decision: " + decision);
    };
  }
}
