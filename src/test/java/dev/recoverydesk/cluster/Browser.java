package dev.recoverydesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One person's browser behind the load balancer: one cookie jar whichever node answers. Cookies are
 * kept by host, not by port, so a cookie one node set goes to the other, as it would through one
 * public address.
 */
public final class Browser {

  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .cookieHandler(cookies)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  /** Posts a page's form fields, with the token of the page's form. */
  public HttpResponse<String> submit(URI uri, String page, Map<String, String> fields)
      throws IOException, InterruptedException {
    var token = FORM_TOKEN.matcher(page);
    assertThat(token.find()).as("a CSRF token in the page").isTrue();
    var form = new java.util.LinkedHashMap<String, String>(fields);
    form.put("_csrf", org.jsoup.parser.Parser.unescapeEntities(token.group(1), true));
    return post(uri, form);
  }

  HttpResponse<String> post(URI uri, Map<String, String> form)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
  }

  /** A call of the Camunda webapps' own API, as their pages make it: the CSRF token as a header. */
  HttpResponse<String> webapp(String method, URI uri, String contentType, String body)
      throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(uri).header("Accept", "application/json");
    var token = cookie("XSRF-TOKEN");
    if (token != null) {
      request.header("X-XSRF-TOKEN", token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request);
  }

  /** The same call without the CSRF header: what a forged page in another tab could send. */
  HttpResponse<String> webappWithoutToken(String method, URI uri, String contentType, String body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Accept", "application/json")
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Every cookie held, for a failure's message. */
  String cookies() {
    return cookies.getCookieStore().getCookies().toString();
  }

  String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals(name))
        .map(cookie -> cookie.getValue())
        .findFirst()
        .orElse(null);
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            field ->
                URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
