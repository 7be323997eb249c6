package dev.recoverydesk.mail.oauth2;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OAuth2 token endpoint on a free local port: it records each form it is sent and answers what
 * the test last told it to, a token or an error.
 */
public final class TokenEndpoint implements AutoCloseable {

  /** One answer: its HTTP status and its JSON body. */
  public record Answer(int status, String json) {}

  private final HttpServer server;
  private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
  private volatile Answer answer = error(500, "server_error", "no answer set");

  public TokenEndpoint() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/tenant/oauth2/v2.0/token",
        exchange -> {
          var form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(parse(form));
          var current = answer;
          var body = current.json().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
          exchange.sendResponseHeaders(current.status(), body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** An access token, valid for this many seconds. */
  public static Answer token(String value, long expiresInSeconds) {
    return new Answer(
        200,
        "{\"access_token\":\""
            + value
            + "\",\"token_type\":\"Bearer\",\"expires_in\":"
            + expiresInSeconds
            + "}");
  }

  public static Answer error(int status, String code, String description) {
    return new Answer(
        status, "{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}");
  }

  public void answer(Answer next) {
    answer = next;
  }

  public String uri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/tenant/oauth2/v2.0/token";
  }

  /** The forms sent so far, oldest first. */
  public List<Map<String, String>> requests() {
    return List.copyOf(requests);
  }

  private static Map<String, String> parse(String form) {
    var fields = new LinkedHashMap<String, String>();
    for (var pair : form.split("&")) {
      var at = pair.indexOf('=');
      if (at > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
