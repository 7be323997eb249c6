package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import dev.recoverydesk.MailClient;
import dev.recoverydesk.mail.MailSettings;
import dev.recoverydesk.mail.oauth2.MailSignIn;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.HeaderTerm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.support.GenericMessage;

/**
 * The reader flags and removes the mail it stored by UID. Another session (a second reader, an
 * agent's mail client) expunging a mail renumbers the ones after it, and the embedded GreenMail
 * renumbers before it tells this session: a flag by message number would land on the next mail.
 */
class UidFlagsTest extends IntegrationTest {

  private static final String SUPPORT = "support@recovery.local";

  @Autowired ApplicationContext context;
  @Autowired MailSettings settings;
  @Autowired Inbox inbox;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Autowired
  @Qualifier("supportMailboxFlow")
  SmartLifecycle desksOwnReader;

  @Autowired ObjectProvider<MailboxLeader> desksOwnLeader;

  private final MailClient mail = mail();
  private UnseenFirstReceiver receiver;
  private final List<String> sent = new java.util.ArrayList<>();

  @BeforeEach
  void theDesksOwnReaderWaits() {
    desksOwnLeader.ifAvailable(MailboxLeader::stop);
    desksOwnReader.stop();
  }

  @AfterEach
  void theDesksOwnReaderReadsAgain() throws Exception {
    if (receiver != null) {
      receiver.release();
      receiver.destroy();
    }
    // This test's mail is no one's: gone before the desk reads again.
    for (var messageId : sent) {
      expungeElsewhere(messageId);
    }
    if (desksOwnLeader.getIfAvailable() != null) {
      desksOwnLeader.getObject().start();
    } else {
      desksOwnReader.start();
    }
  }

  @Test
  void a_mail_expunged_by_another_session_does_not_make_the_desk_flag_the_next_one()
      throws Exception {
    var mails = renumbered();

    receiver.markStored(mails.fetchedSecond());

    assertThat(mail.isSeen(SUPPORT, mails.second())).isTrue();
    assertThat(mail.isSeen(SUPPORT, mails.third())).isFalse();
  }

  /** Why: what the reader did before, a flag by message number, lands on the next mail here. */
  @Test
  void a_flag_by_message_number_after_another_sessions_expunge_lands_on_the_next_mail()
      throws Exception {
    var mails = renumbered();

    mails.fetchedSecond().setFlag(Flags.Flag.SEEN, true);

    assertThat(mail.isSeen(SUPPORT, mails.third())).isTrue();
    assertThat(mail.isSeen(SUPPORT, mails.second())).isFalse();
  }

  /**
   * The body is read after the envelope, in a command of its own: by message number it would be the
   * next mail's once another session has expunged one before it.
   */
  @Test
  void a_mail_expunged_by_another_session_before_the_body_is_read_leaves_each_mail_its_own_body()
      throws Exception {
    var mails = renumbered();

    try (var lanes = new MailLanes(inbox, 1)) {
      for (var each : List.of(mails.fetchedSecond(), mails.fetchedThird())) {
        SupportMailbox.take(new GenericMessage<>(each), inbox, lanes, settings, receiver);
      }
    }

    for (var messageId : List.of(mails.second(), mails.third())) {
      assertThat(
              jdbc.queryForList(
                  "select raw from inbound_mail where message_id = ?", byte[].class, messageId))
          .singleElement()
          .satisfies(
              raw ->
                  assertThat(new String(raw, StandardCharsets.US_ASCII))
                      .contains("This is the mail " + messageId + "."));
      assertThat(mail.isSeen(SUPPORT, messageId)).isTrue();
    }
  }

  private record Renumbered(
      String second, String third, MimeMessage fetchedSecond, MimeMessage fetchedThird) {}

  /** Three mails fetched by the desk's receiver, then the first expunged by another session. */
  private Renumbered renumbered() throws Exception {
    var first = send();
    var second = send();
    var third = send();
    var fetched = fetch(false, first, second, third);
    expungeElsewhere(first);
    return new Renumbered(second, third, fetched.get(second), fetched.get(third));
  }

  @Test
  void the_desk_removes_only_what_it_stored_never_what_another_session_flagged_deleted()
      throws Exception {
    var stored = send();
    var othersDeleted = send();
    var fetched = fetch(true, stored, othersDeleted);

    flagDeletedElsewhere(othersDeleted);
    receiver.markStored(fetched.get(stored));
    receiver.expungeStored();

    assertThat(messageIds()).doesNotContain(stored).contains(othersDeleted);
  }

  /** The desk's receiver fetches the support mailbox's unseen mail, as its IDLE loop does. */
  private Map<String, MimeMessage> fetch(boolean expungeStored, String... messageIds)
      throws Exception {
    receiver = SupportMailbox.receiver(settings, MailSignIn.withPassword(), expungeStored);
    receiver.setBeanFactory(context);
    receiver.setApplicationContext(context);
    receiver.afterPropertiesSet();
    var wanted = List.of(messageIds);
    var fetched =
        Arrays.stream(receiver.receive())
            .map(
                received ->
                    (MimeMessage)
                        (received instanceof org.springframework.messaging.Message<?> message
                            ? message.getPayload()
                            : received))
            .collect(Collectors.toMap(UidFlagsTest::messageId, Function.identity(), (x, y) -> x));
    assertThat(fetched).containsKeys(messageIds);
    fetched.keySet().retainAll(wanted);
    return fetched;
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String send() {
    var messageId = "<" + UUID.randomUUID() + "@client.example>";
    mail.sendRaw(
        ("From: someone@client.example\r\nTo: "
                + SUPPORT
                + "\r\nSubject: hello\r\nMessage-ID: "
                + messageId
                + "\r\n\r\nThis is the mail "
                + messageId
                + ".\r\n")
            .getBytes(StandardCharsets.US_ASCII),
        SUPPORT);
    sent.add(messageId);
    org.awaitility.Awaitility.await().until(() -> messageIds().contains(messageId));
    return messageId;
  }

  private void expungeElsewhere(String messageId) throws Exception {
    elsewhere(messageId, true);
  }

  private void flagDeletedElsewhere(String messageId) throws Exception {
    elsewhere(messageId, false);
  }

  private void elsewhere(String messageId, boolean expunge) throws Exception {
    try (var store = Session.getInstance(new Properties()).getStore("imap")) {
      store.connect("127.0.0.1", IMAP_PORT, SUPPORT, "any password");
      var folder = store.getFolder("INBOX");
      folder.open(Folder.READ_WRITE);
      for (var message : folder.search(new HeaderTerm("Message-ID", messageId))) {
        message.setFlag(Flags.Flag.DELETED, true);
      }
      folder.close(expunge);
    }
  }

  private List<String> messageIds() throws Exception {
    var properties = new Properties();
    properties.setProperty("mail.imap.peek", "true");
    try (var store = Session.getInstance(properties).getStore("imap")) {
      store.connect("127.0.0.1", IMAP_PORT, SUPPORT, "any password");
      var folder = store.getFolder("INBOX");
      folder.open(Folder.READ_ONLY);
      try {
        return Arrays.stream(folder.getMessages()).map(m -> messageId((MimeMessage) m)).toList();
      } finally {
        folder.close(false);
      }
    }
  }
}
