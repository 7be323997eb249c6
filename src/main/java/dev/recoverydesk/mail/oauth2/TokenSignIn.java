package dev.recoverydesk.mail.oauth2;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.imap.IMAPSSLStore;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Jakarta Mail's own IMAP stores and SMTP transports, signing in with the access token of the
 * moment instead of the password they were given. Jakarta Mail remembers the password of a store's
 * first connection and signs in with it again on reconnecting; an access token remembered so would
 * have expired by then.
 */
final class TokenSignIn {

  private TokenSignIn() {}

  static String token(Session session) throws MessagingException {
    if (session.getProperties().get(MailSignIn.TOKENS) instanceof MailAccessTokens tokens) {
      return tokens.accessToken();
    }
    throw new AuthenticationFailedException("This mail session has no access tokens");
  }

  public static final class ImapStore extends IMAPStore {
    public ImapStore(Session session, URLName url) {
      super(session, url);
    }

    @Override
    protected synchronized boolean protocolConnect(
        String host, int port, String user, String password) throws MessagingException {
      return super.protocolConnect(host, port, user, token(session));
    }
  }

  public static final class ImapsStore extends IMAPSSLStore {
    public ImapsStore(Session session, URLName url) {
      super(session, url);
    }

    @Override
    protected synchronized boolean protocolConnect(
        String host, int port, String user, String password) throws MessagingException {
      return super.protocolConnect(host, port, user, token(session));
    }
  }

  public static final class SmtpTransport extends SMTPTransport {
    public SmtpTransport(Session session, URLName url) {
      super(session, url);
    }

    @Override
    protected synchronized boolean protocolConnect(
        String host, int port, String user, String password) throws MessagingException {
      return super.protocolConnect(host, port, user, token(session));
    }
  }

  public static final class SmtpsTransport extends SMTPSSLTransport {
    public SmtpsTransport(Session session, URLName url) {
      super(session, url);
    }

    @Override
    protected synchronized boolean protocolConnect(
        String host, int port, String user, String password) throws MessagingException {
      return super.protocolConnect(host, port, user, token(session));
    }
  }
}
