package dev.recoverydesk.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** The PromQL of {@code docs/operations/}: the Grafana dashboard's and the alert rules'. */
final class OperationsDocs {

  static final Path DASHBOARD = Path.of("docs/operations/grafana-dashboard.json");
  static final Path ALERTS = Path.of("docs/operations/prometheus-alerts.yaml");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool");

  private OperationsDocs() {}

  /** Every expression of the dashboard's panels and of its variables' queries. */
  static List<String> dashboardQueries() throws IOException {
    var dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    var queries = new ArrayList<String>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      var query = variable.path("query").path("query").asText("");
      var labelValues = Pattern.compile("label_values\\((\\w+),").matcher(query);
      if (labelValues.find()) {
        queries.add(labelValues.group(1));
      }
    }
    return queries;
  }

  /** Every alert rule's expression, by the alert's name. */
  @SuppressWarnings("unchecked")
  static Map<String, String> alertExpressions() throws IOException {
    Map<String, Object> file = new Yaml().load(Files.readString(ALERTS));
    var alerts = new java.util.LinkedHashMap<String, String>();
    for (var group : (List<Map<String, Object>>) file.get("groups")) {
      for (var rule : (List<Map<String, Object>>) group.get("rules")) {
        alerts.put((String) rule.get("alert"), (String) rule.get("expr"));
      }
    }
    return alerts;
  }

  /**
   * The metric names a PromQL expression reads: its identifiers, less function names (followed by a
   * parenthesis), keywords, label names (in braces and in {@code by (…)}), ranges and strings.
   */
  static Set<String> metricsIn(String expression) {
    var text =
        expression
            .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\$\\w+", " ");
    var names = new TreeSet<String>();
    var matcher = IDENTIFIER.matcher(text);
    while (matcher.find()) {
      var name = matcher.group();
      var rest = text.substring(matcher.end()).stripLeading();
      boolean function = rest.startsWith("(");
      boolean number = matcher.start() > 0 && Character.isDigit(text.charAt(matcher.start() - 1));
      if (!function && !number && !KEYWORDS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
