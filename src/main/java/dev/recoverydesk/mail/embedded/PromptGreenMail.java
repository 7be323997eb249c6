package dev.recoverydesk.mail.embedded;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

/**
 * GreenMail whose connections send each reply at once ({@code TCP_NODELAY}). GreenMail writes an
 * IMAP answer line by line; with Nagle's algorithm on, the last line of every answer waits for the
 * client's delayed acknowledgement, some 40 ms on Linux. Every mail the desk reads takes several
 * commands (fetch, flag as seen), so under load replies queued up at a few per second.
 *
 * <p>The IMAP service is therefore not GreenMail's own {@code ImapServer} class: {@link #getImap()}
 * is not available, and nothing in the desk uses it.
 */
final class PromptGreenMail extends GreenMail {

  PromptGreenMail(ServerSetup[] setups) {
    super(setups);
  }

  @Override
  protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
    var services = new HashMap<String, AbstractServer>();
    for (var setup : setups) {
      var protocol = setup.getProtocol();
      if (protocol.equals(ServerSetup.PROTOCOL_SMTP)) {
        services.put(protocol, new PromptSmtpServer(setup, managers));
      } else if (protocol.equals(ServerSetup.PROTOCOL_IMAP)) {
        services.put(protocol, new PromptImapServer(setup, managers));
      } else {
        throw new IllegalArgumentException("The embedded mail server runs SMTP and IMAP only");
      }
    }
    return services;
  }

  private static Socket prompt(Socket client) {
    try {
      client.setTcpNoDelay(true);
    } catch (SocketException e) {
      // The connection is already gone; its handler will find out.
    }
    return client;
  }

  private static final class PromptSmtpServer extends SmtpServer {
    PromptSmtpServer(ServerSetup setup, Managers managers) {
      super(setup, managers);
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket client) {
      return super.createProtocolHandler(prompt(client));
    }
  }

  private static final class PromptImapServer extends AbstractServer {
    PromptImapServer(ServerSetup setup, Managers managers) {
      super(setup, managers);
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket client) {
      return new ImapHandler(
          managers.getUserManager(), managers.getImapHostManager(), prompt(client));
    }
  }
}
