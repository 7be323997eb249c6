package dev.recoverydesk.recovery.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoverydesk.CaseJobs;
import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The spine end to end: a templated mail out over SMTP, a reply in over IMAP, correlated. */
class ContactCheckTest extends IntegrationTest {

  private static final String SUPPORT = "support@recovery.local";

  @Autowired ContactCheck contactCheck;
  @Autowired JdbcTemplate jdbc;

  private final MailClient mail = mail();

  @ParameterizedTest
  @CsvSource({"ja, 連絡先メールアドレスの確認のため、このメールに返信してください", "en, Please reply to confirm this address"})
  void a_reply_from_the_contact_address_confirms_it(String language, String subject)
      throws MessagingException {
    var check = openCheck(language);
    var caseId = check.caseId();
    var sent = check.sent();
    assertThat(sent.getSubject()).isEqualTo(subject + " " + caseId.tag());
    assertThat(sent.getHeader("Reply-To")[0])
        .matches(
            "support\\+"
                + caseId.value().toLowerCase(Locale.ROOT)
                + "\\.[a-z2-7]{16}@recovery\\.local");
    assertThat(sent.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(sent.getHeader("Content-Language")).containsExactly(language);
    assertThat(MailClient.text(sent)).contains(caseId.value());
    assertThat(MailClient.html(sent)).contains("<strong>" + caseId.value() + "</strong>");

    mail.send(mail.reply(sent, check.contact().value(), "It is me."));

    awaitEnd(check.instance());
    assertThat(check.instance()).hasPassed("wait-for-reply").isEnded();
  }

  @Test
  void a_reply_from_any_other_address_does_not_count() throws MessagingException {
    var check = openCheck("en");

    var impostor = mail.reply(check.sent(), "mallory@example.net", "It is me, honestly.");
    mail.send(impostor);

    assertThat(awaitStored(impostor)).isEqualTo(List.of("UNMATCHED", "wrong-sender"));
    assertThat(check.instance()).isWaitingAt("wait-for-reply");
  }

  @Test
  void a_forged_reply_token_is_not_rescued_by_the_subject_tag() throws MessagingException {
    var check = openCheck("en");

    var forged =
        mail.compose(
            check.contact().value(),
            "support+"
                + check.caseId().value().toLowerCase(Locale.ROOT)
                + ".aaaaaaaaaaaaaaaa@recovery.local",
            check.sent().getSubject(),
            "It is me.",
            Map.of());
    mail.send(forged);

    assertThat(awaitStored(forged)).isEqualTo(List.of("UNMATCHED", "forged-token"));
    assertThat(check.instance()).isWaitingAt("wait-for-reply");
  }

  @Test
  void a_new_mail_with_only_the_subject_tag_and_sender_goes_to_triage() throws MessagingException {
    // Anyone can write that From header; no mail server the desk trusts vouches for it.
    var check = openCheck("en");

    var tagged =
        mail.compose(
            check.contact().value(),
            SUPPORT,
            "Re: about my case " + check.caseId().tag(),
            "It is me.",
            Map.of());
    mail.send(tagged);

    assertThat(awaitStored(tagged)).isEqualTo(List.of("UNMATCHED", "subject-tag-unauthenticated"));
    assertThat(check.instance()).isWaitingAt("wait-for-reply");
  }

  @Test
  void the_same_mail_delivered_twice_is_stored_and_taken_once() throws MessagingException {
    var check = openCheck("en");

    var reply = mail.reply(check.sent(), check.contact().value(), "It is me.");
    mail.send(reply);
    mail.sendAgain(reply);

    awaitEnd(check.instance());
    await().atMost(Duration.ofSeconds(20)).until(() -> mail.unseenInSupportMailbox(SUPPORT) == 0);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from inbound_mail where message_id = ?",
                Integer.class,
                reply.getMessageID()))
        .isEqualTo(1);
  }

  /** A check whose mail went out and reached the contact's inbox. */
  private record Check(
      CaseId caseId, EmailAddress contact, ProcessInstance instance, MimeMessage sent) {}

  private Check openCheck(String language) {
    var caseId = CaseId.random();
    var contact = contactFor(caseId);
    var instance = contactCheck.start(caseId, contact, language);
    return new Check(caseId, contact, instance, sendTheCheck(instance, caseId, contact));
  }

  private MimeMessage sendTheCheck(ProcessInstance instance, CaseId caseId, EmailAddress contact) {
    assertThat(instance).isWaitingAt("send-contact-check");
    CaseJobs.runJob(processEngine, caseId.value(), "send-contact-check");
    assertThat(instance).isWaitingAt("wait-for-reply");
    return mail.awaitMail(contact.value(), subjectWith(caseId.tag()));
  }

  private List<String> awaitStored(MimeMessage message) throws MessagingException {
    var messageId = message.getMessageID();
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.query(
                    "select status, status_reason from inbound_mail where message_id = ?",
                    (row, n) -> List.of(row.getString(1), String.valueOf(row.getString(2))),
                    messageId),
            rows -> rows.size() == 1 && !rows.get(0).get(0).equals("RECEIVED"))
        .get(0);
  }

  private void awaitEnd(ProcessInstance instance) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                processEngine
                        .getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceId(instance.getId())
                        .count()
                    == 0);
  }

  private static EmailAddress contactFor(CaseId caseId) {
    return new EmailAddress("user." + caseId.value().toLowerCase(Locale.ROOT) + "@example.com");
  }

  private static Predicate<MimeMessage> subjectWith(String text) {
    return message -> {
      try {
        return message.getSubject() != null && message.getSubject().contains(text);
      } catch (MessagingException e) {
        return false;
      }
    };
  }
}
