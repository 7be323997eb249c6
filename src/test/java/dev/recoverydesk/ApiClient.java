package dev.recoverydesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Calls the desk's HTTP API as a black-box client would: JSON bodies, optional HTTP Basic. */
public final class ApiClient {

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port;

  public ApiClient(int port) {
    this.port = port;
  }

  /**
   * @param credentials {@code user:password}, or null for an anonymous call
   */
  public HttpResponse<String> get(String path, String credentials) {
    return send(request(path, credentials).GET());
  }

  public HttpResponse<String> post(String path, String credentials, String json) {
    var request =
        request(path, credentials)
            .header("Content-Type", "application/json")
            .POST(
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    return send(request);
  }

  public HttpResponse<String> put(String path, String credentials, String json) {
    return send(
        request(path, credentials)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> delete(String path, String credentials) {
    return send(request(path, credentials).DELETE());
  }

  private HttpRequest.Builder request(String path, String credentials) {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
