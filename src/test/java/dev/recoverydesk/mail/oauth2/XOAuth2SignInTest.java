package dev.recoverydesk.mail.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.recoverydesk.mail.oauth2.MailOAuth2Settings.Grant;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.util.TestSocketUtils;

/**
 * IMAP and SMTP sign in by SASL XOAUTH2 with the token the endpoint gave: GreenMail takes a token
 * when it is the user's password, and refuses any other.
 */
class XOAuth2SignInTest {

  static final String MAILBOX = "support@desk.example";

  private final TokenEndpoint endpoint = new TokenEndpoint();
  private final GreenMail server =
      new GreenMail(
          new ServerSetup[] {
            new ServerSetup(
                TestSocketUtils.findAvailableTcpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(
                TestSocketUtils.findAvailableTcpPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
          });
  private final MailSignIn signIn =
      MailSignIn.withAccessTokens(
          new MailAccessTokens(
              MailAccessTokensTest.settings(
                  endpoint.uri(),
                  Grant.CLIENT_CREDENTIALS,
                  "https://outlook.office365.com/.default"),
              Clock.systemUTC()));

  XOAuth2SignInTest() {
    server.start();
    server.setUser(MAILBOX, MAILBOX, "token-1");
  }

  @AfterEach
  void stop() {
    server.stop();
    endpoint.close();
  }

  @Test
  void smtp_sends_and_imap_reads_signed_in_with_the_access_token() throws Exception {
    endpoint.answer(TokenEndpoint.token("token-1", 3600));
    var debug = new ByteArrayOutputStream();

    var smtp = sender();
    smtp.getSession().setDebug(true);
    smtp.getSession().setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
    smtp.send(mail("Signed in by token"));

    var session = signIn.session(new Properties());
    session.setDebug(true);
    session.setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
    try (var store = session.getStore("imap")) {
      // No password is given: the store signs in with the token.
      store.connect("127.0.0.1", server.getImap().getPort(), MAILBOX, null);
      var inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessages())
          .singleElement()
          .satisfies(
              m -> assertThat(((MimeMessage) m).getSubject()).isEqualTo("Signed in by token"));
      inbox.close(false);
    }

    assertThat(debug.toString(StandardCharsets.UTF_8))
        .contains("DEBUG SMTP: Using mechanism XOAUTH2")
        .contains("DEBUG SMTP: AUTH XOAUTH2 succeeded")
        .containsPattern("DEBUG IMAP: AUTHENTICATE XOAUTH2 command result: \\w+ OK")
        .doesNotContain("token-1");
    assertThat(endpoint.requests()).hasSize(1);
  }

  @Test
  void a_token_the_server_does_not_take_signs_in_neither_to_smtp_nor_to_imap() {
    endpoint.answer(TokenEndpoint.token("token-of-someone-else", 3600));

    assertThatThrownBy(() -> sender().send(mail("Never sent")))
        .isInstanceOf(MailAuthenticationException.class);
    assertThatThrownBy(
            () -> {
              try (var store = signIn.session(new Properties()).getStore("imap")) {
                store.connect("127.0.0.1", server.getImap().getPort(), MAILBOX, "token-1");
              }
            })
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(server.getReceivedMessages()).isEmpty();
  }

  /** The sender as Spring Boot makes it, given its session by the desk. */
  private JavaMailSenderImpl sender() {
    var sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(server.getSmtp().getPort());
    sender.setUsername(MAILBOX);
    sender.setSession(signIn.session(sender.getJavaMailProperties()));
    return sender;
  }

  private static SimpleMailMessage mail(String subject) {
    var mail = new SimpleMailMessage();
    mail.setFrom(MAILBOX);
    mail.setTo(MAILBOX);
    mail.setSubject(subject);
    mail.setText("Hello");
    return mail;
  }
}
