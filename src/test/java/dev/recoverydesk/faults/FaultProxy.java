package dev.recoverydesk.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a server (the mail server's SMTP or IMAP, the database), which the fault
 * run takes down and brings back without touching the server behind it: its mailboxes and rows stay
 * as they are. Down, it cuts every open connection and closes each new one at once, as a server
 * that has gone away does to its clients; up, it relays bytes both ways.
 *
 * <p>For a crash in the middle of a send it can also freeze one SMTP transaction: once armed, the
 * first connection that issues {@code DATA} and starts its message stops being relayed, both ways,
 * so the message never ends and the server never accepts it, and the client waits there until it is
 * killed.
 */
final class FaultProxy implements AutoCloseable {

  private final String name;
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong connections = new AtomicLong();
  private volatile boolean down;
  private volatile AtomicBoolean freezeOne;
  private volatile CompletableFuture<FaultProxy> frozen = new CompletableFuture<>();
  private final Thread acceptor;

  FaultProxy(String name, int targetPort) {
    this.name = name;
    this.targetPort = targetPort;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen for " + name, e);
    }
    acceptor = daemon(name + " proxy", this::accept);
  }

  String name() {
    return name;
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Connections accepted so far, refused ones included. */
  long connections() {
    return connections.get();
  }

  /** Cuts every connection and refuses new ones until {@link #up()}. */
  void down() {
    down = true;
    for (var socket : open) {
      quietly(socket);
    }
  }

  void up() {
    down = false;
  }

  boolean isDown() {
    return down;
  }

  /**
   * Freezes the next SMTP message sent through this proxy, or through any of the proxies armed with
   * the same {@code shared} flag, whichever comes first.
   *
   * @return completed with the proxy whose connection froze
   */
  CompletableFuture<FaultProxy> freezeNextMessage(
      AtomicBoolean shared, CompletableFuture<FaultProxy> whenFrozen) {
    frozen = whenFrozen;
    freezeOne = shared;
    return whenFrozen;
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      if (down) {
        quietly(client);
        continue;
      }
      Socket server;
      try {
        server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
      } catch (IOException e) {
        quietly(client);
        continue;
      }
      open.add(client);
      open.add(server);
      var freeze = new AtomicBoolean();
      daemon(name + " client", () -> relay(client, server, freeze, true));
      daemon(name + " server", () -> relay(server, client, freeze, false));
    }
  }

  private void relay(Socket from, Socket to, AtomicBoolean frozenHere, boolean fromClient) {
    var inData = false;
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      var buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (fromClient && !frozenHere.get()) {
          var armed = freezeOne;
          if (armed != null) {
            var text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
            if (inData && armed.compareAndSet(false, true)) {
              frozenHere.set(true);
              frozen.complete(this);
            }
            if (text.contains("DATA\r\n")) {
              inData = true;
            }
          }
        }
        if (frozenHere.get()) {
          // The client's bytes go nowhere, and nothing comes back, until the client is gone.
          continue;
        }
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // Cut, or the other side went away.
    } finally {
      quietly(from);
      quietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  static Thread daemon(String name, Runnable work) {
    var thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void quietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Closing.
    }
    down();
  }
}
