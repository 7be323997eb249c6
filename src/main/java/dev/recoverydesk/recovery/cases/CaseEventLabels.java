package dev.recoverydesk.recovery.cases;

import java.util.Map;

/**
 * What each kind of timeline event means, in English and Japanese, for the agents' forms. The
 * timeline keeps the kind's code (the case API shows it as recorded); a kind not listed here is
 * shown as its code.
 */
public final class CaseEventLabels {

  private CaseEventLabels() {}

  private static final Map<String, String[]> LABELS =
      Map.ofEntries(
          label("CASE_OPENED", "Request received", "依頼を受付"),
          label("KNOWN_DEVICE", "Sent from a device of the account", "アカウントの端末から送信"),
          label("UNKNOWN_DEVICE", "Sent from a device the account lacks", "アカウントにない端末から送信"),
          label("MAIL_ATTACHED", "Mail attached by an agent", "担当者がメールを紐付け"),
          label("PROBLEM_CLASSIFIED", "Problem classified", "問題の種類を判定"),
          label("PROBLEM_CONFIRMED", "Problem confirmed by an agent", "担当者が問題の種類を確認"),
          label("SELF_SERVICE_OPTIONS", "Self-service options found", "ユーザー自身で試せる方法を確認"),
          label("SMS_CHECK_SENT", "Check code sent by SMS", "確認コードをSMSで送信"),
          label("SMS_CODE_CONFIRMED", "The user confirmed the SMS code", "ユーザーがSMSのコードを確認"),
          label("USER_SOLVED_IT", "The user solved it alone", "ユーザー自身で解決"),
          label("USER_STILL_LOCKED_OUT", "The user is still locked out", "ユーザーはまだログインできない"),
          label("MAIL_SENT", "Mail sent", "メールを送信"),
          label("REPLY_RECEIVED", "Reply received", "返信を受信"),
          label("REPLY_FROM_OTHER_SENDER", "Reply from another sender", "別の送信者からの返信"),
          label("REPLY_NOT_EXPECTED", "Reply while none was awaited", "返信を待っていないときの返信"),
          label("SCORED", "Answers scored", "回答を採点"),
          label("EVIDENCE", "Proofs and risk signals assessed", "証拠とリスクシグナルを評価"),
          label("TASK_ESCALATED", "Task escalated", "タスクをエスカレーション"),
          label("REVIEW_APPROVE", "Review: approved", "審査：承認"),
          label("REVIEW_REJECT", "Review: rejected", "審査：却下"),
          label("REVIEW_MORE_INFO", "Review: more information asked", "審査：追加情報を依頼"),
          label("APPROVAL_APPROVE", "Second approval: approved", "二次承認：承認"),
          label("APPROVAL_REJECT", "Second approval: rejected", "二次承認：却下"),
          label("HOLD_NOTICES_SENT", "Hold notices sent", "保留期間の通知を送信"),
          label("CANCEL_REQUESTED", "Cancellation requested", "取り消しの依頼"),
          label("NEW_CODES_SHOWN", "New backup codes shown", "新しいバックアップコードを表示"),
          label("CONTACT_BOUNCED", "Mail to the contact address bounced", "連絡先アドレスへのメールが不達"),
          label(
              "CONTACT_SOFT_BOUNCE", "Mail to the contact address delayed", "連絡先アドレスへのメールが一時的に不達"),
          label("CASE_SUSPENDED", "Case suspended", "ケースを一時停止"),
          label("CLOSED_NOTICE_SENT", "Closing notice sent", "終了のお知らせを送信"),
          label("STATUS_OPEN", "Status: open", "状態：受付"),
          label("STATUS_AWAITING_USER", "Status: awaiting the user", "状態：ユーザーの返信待ち"),
          label("STATUS_IN_REVIEW", "Status: in review", "状態：審査中"),
          label("STATUS_AWAITING_APPROVAL", "Status: awaiting approval", "状態：二次承認待ち"),
          label("STATUS_RESET_PENDING", "Status: reset pending (hold)", "状態：リセット保留中"),
          label("STATUS_RESOLVED", "Status: resolved", "状態：解決"),
          label("STATUS_REJECTED", "Status: rejected", "状態：却下"),
          label("STATUS_CANCELLED", "Status: cancelled", "状態：取り消し"),
          label("STATUS_EXPIRED", "Status: expired", "状態：期限切れ"));

  /** The kind in English, or its code when it has no label. */
  public static String english(String kind) {
    return LABELS.getOrDefault(kind, new String[] {kind, kind})[0];
  }

  /** The kind in Japanese, or its code when it has no label. */
  public static String japanese(String kind) {
    return LABELS.getOrDefault(kind, new String[] {kind, kind})[1];
  }

  private static Map.Entry<String, String[]> label(String kind, String english, String japanese) {
    return Map.entry(kind, new String[] {english, japanese});
  }
}
