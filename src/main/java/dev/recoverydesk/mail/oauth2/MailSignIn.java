package dev.recoverydesk.mail.oauth2;

import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import java.util.List;
import java.util.Properties;

/**
 * The mail sessions the desk connects with: signing in with the configured password, or, with
 * {@code recovery.mail.oauth2.enabled}, with an access token by SASL XOAUTH2. Every connection made
 * in such a session, the first and each one after a drop, asks {@link MailAccessTokens} for its
 * token, which is a new one once the last has expired.
 */
public final class MailSignIn {

  /**
   * Where the token source rides in a session: a {@link Session} carries no object but its
   * properties, and it is a session that makes our stores and transports.
   */
  static final String TOKENS = MailAccessTokens.class.getName();

  private static final List<String> PROTOCOLS = List.of("imap", "imaps", "smtp", "smtps");

  private final MailAccessTokens tokens;

  private MailSignIn(MailAccessTokens tokens) {
    this.tokens = tokens;
  }

  /** With the password each connection is given. */
  public static MailSignIn withPassword() {
    return new MailSignIn(null);
  }

  /** With an access token from these, whatever password a connection is given. */
  public static MailSignIn withAccessTokens(MailAccessTokens tokens) {
    return new MailSignIn(tokens);
  }

  /** A session on a copy of these properties, signing in as configured. */
  public Session session(Properties properties) {
    var own = new Properties();
    own.putAll(properties);
    if (tokens == null) {
      return Session.getInstance(own);
    }
    for (var protocol : PROTOCOLS) {
      own.setProperty("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
    }
    own.setProperty("mail.smtp.auth", "true");
    own.setProperty("mail.smtps.auth", "true");
    own.put(TOKENS, tokens);
    var session = Session.getInstance(own);
    try {
      session.setProvider(provider(Provider.Type.STORE, "imap", TokenSignIn.ImapStore.class));
      session.setProvider(provider(Provider.Type.STORE, "imaps", TokenSignIn.ImapsStore.class));
      session.setProvider(
          provider(Provider.Type.TRANSPORT, "smtp", TokenSignIn.SmtpTransport.class));
      session.setProvider(
          provider(Provider.Type.TRANSPORT, "smtps", TokenSignIn.SmtpsTransport.class));
    } catch (NoSuchProviderException impossible) {
      throw new IllegalStateException(impossible); // thrown for a null provider only
    }
    return session;
  }

  private static Provider provider(Provider.Type type, String protocol, Class<?> implementation) {
    return new Provider(type, protocol, implementation.getName(), "Recovery Desk", null);
  }
}
