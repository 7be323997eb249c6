package dev.recoverydesk.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.cluster.DeskCluster;
import dev.recoverydesk.cluster.DeskCluster.Node;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls of the desk's public API and the engine's REST API as the load balancer would route them:
 * to the live nodes in turn, the next one when a node does not answer. A call that gets no answer
 * from any node returns empty; one that gets an answer returns it, whatever its status.
 */
final class DeskCalls {

  static final String AGENT = "agent";
  static final String SUPERVISOR = "supervisor";
  static final String AGENT_CREDENTIALS = AGENT + ":agent password of the fault run";
  static final String SUPERVISOR_CREDENTIALS = SUPERVISOR + ":supervisor password of the fault run";
  static final String ADMIN_CREDENTIALS = DeskCluster.ADMIN + ":" + DeskCluster.ADMIN_PASSWORD;

  static final ObjectMapper JSON = new ObjectMapper();

  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();

  void add(Node node) {
    nodes.add(node);
  }

  void remove(Node node) {
    nodes.remove(node);
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }

  Optional<HttpResponse<String>> get(String path, String credentials) {
    return send("GET", path, credentials, null);
  }

  Optional<HttpResponse<String>> post(String path, String credentials, String json) {
    return send("POST", path, credentials, json);
  }

  Optional<HttpResponse<String>> send(String method, String path, String credentials, String json) {
    var live = nodes();
    var first = Math.floorMod(next.getAndIncrement(), Math.max(1, live.size()));
    for (var i = 0; i < live.size(); i++) {
      var node = live.get((first + i) % live.size());
      try {
        return Optional.of(call(node, method, path, credentials, json));
      } catch (IOException e) {
        // Not answering: the load balancer tries the next node.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  HttpResponse<String> call(Node node, String method, String path, String credentials, String json)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(node.url(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The case's status, or empty when no node could say. */
  Optional<String> status(String caseId) {
    return get("/api/recovery-cases/" + caseId, AGENT_CREDENTIALS)
        .filter(response -> response.statusCode() == 200 || response.statusCode() == 404)
        .map(response -> response.statusCode() == 404 ? "UNKNOWN" : field(response, "status"));
  }

  /** The open task of the case with this key, or empty. */
  Optional<String> task(String caseId, String taskKey, String credentials) {
    return get(
            "/engine-rest/task?processInstanceBusinessKey="
                + caseId
                + "&taskDefinitionKey="
                + taskKey,
            credentials)
        .filter(response -> response.statusCode() == 200)
        .map(response -> read(response.body()))
        .filter(tasks -> tasks.size() == 1)
        .map(tasks -> tasks.get(0).get("id").asText());
  }

  boolean complete(String taskId, String credentials) {
    return post(
            "/engine-rest/task/" + taskId + "/complete",
            credentials,
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"}}}")
        .map(response -> response.statusCode() == 204)
        .orElse(false);
  }

  /** Open incidents of a type, as Cockpit shows them (the engine's REST API); -1 when unknown. */
  long incidents(String type) {
    return get("/engine-rest/incident/count?incidentType=" + type, ADMIN_CREDENTIALS)
        .filter(response -> response.statusCode() == 200)
        .map(response -> read(response.body()).get("count").asLong())
        .orElse(-1L);
  }

  static String field(HttpResponse<String> response, String name) {
    var value = read(response.body()).get(name);
    return value == null ? null : value.asText();
  }

  static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("Not JSON: " + body, e);
    }
  }
}
