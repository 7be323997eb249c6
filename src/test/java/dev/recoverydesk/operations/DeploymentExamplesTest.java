package dev.recoverydesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The example deployments of {@code docs/operations/} (Compose, Kubernetes) cannot be run where the
 * desk is built; this reads them and holds every name, port and probe path they use to the desk's
 * own settings, so that a renamed property or path breaks the build, not an operator's rollout.
 */
class DeploymentExamplesTest {

  private static final Path COMPOSE = Path.of("docs/operations/compose.yaml");
  private static final Path KUBERNETES = Path.of("docs/operations/kubernetes");
  private static final Set<String> DESK_SERVICES = Set.of("desk-1", "desk-2");

  private static Map<String, Object> settings;
  private static Settings known;

  @BeforeAll
  static void readSettings() throws IOException {
    settings = flatten(yaml(Path.of("src/main/resources/application.yaml")).get(0));
    known = Settings.onClassPath(settings.keySet());
  }

  @Test
  void compose_runs_two_desk_nodes_on_postgresql_and_a_mail_server() throws IOException {
    var services = map(yaml(COMPOSE).get(0).get("services"));
    assertThat(services).containsKeys("desk-1", "desk-2", "database", "mail");
    assertThat(string(map(services.get("database")).get("image"))).startsWith("postgres:15");

    for (var name : DESK_SERVICES) {
      var desk = map(services.get(name));
      assertThat(map(desk.get("environment")).keySet())
          .as("%s's environment", name)
          .isNotEmpty()
          .allSatisfy(variable -> assertThat(known.accepts(variable)).as(variable).isTrue());
      assertThat(list(desk.get("ports")))
          .as("%s publishes the desk's HTTP port", name)
          .singleElement()
          .satisfies(port -> assertThat(string(port)).endsWith(":" + serverPort()));
    }
  }

  @Test
  void kubernetes_runs_two_replicas_with_the_desks_probes_port_and_settings() throws IOException {
    var deployment = kind("Deployment");
    var spec = map(deployment.get("spec"));
    assertThat(spec.get("replicas")).isEqualTo(2);
    var container = map(list(map(map(spec.get("template")).get("spec")).get("containers")).get(0));

    var ports = list(container.get("ports"));
    assertThat(ports)
        .singleElement()
        .satisfies(port -> assertThat(map(port)).containsEntry("containerPort", serverPort()));
    var portName = map(ports.get(0)).get("name");

    var groups = map(settings.get("management.endpoint.health.group")).keySet();
    assertThat(groups).contains("liveness", "readiness");
    assertThat(settings).containsEntry("management.endpoint.health.probes.enabled", true);
    for (var probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      var get = map(map(container.get(probe)).get("httpGet"));
      assertThat(get.get("port")).as(probe).isEqualTo(portName);
      var group = probe.equals("readinessProbe") ? "readiness" : "liveness";
      assertThat(get.get("path")).as(probe).isEqualTo("/actuator/health/" + group);
    }

    var service = kind("Service");
    assertThat(map(list(map(service.get("spec")).get("ports")).get(0)))
        .containsEntry("targetPort", portName);

    var variables = new TreeSet<String>();
    variables.addAll(map(kind("ConfigMap").get("data")).keySet());
    variables.addAll(map(kind("Secret").get("stringData")).keySet());
    list(container.get("env")).forEach(env -> variables.add(string(map(env).get("name"))));
    assertThat(variables)
        .contains("SPRING_DATASOURCE_URL", "RECOVERY_SECURITY_TOKENSECRET")
        .allSatisfy(variable -> assertThat(known.accepts(variable)).as(variable).isTrue());
  }

  @Test
  void the_image_listens_on_the_desks_port() throws IOException {
    var pom = Files.readString(Path.of("pom.xml"));
    var jib = pom.substring(pom.indexOf("<artifactId>jib-maven-plugin</artifactId>"));
    assertThat(jib).contains("<port>" + serverPort() + "</port>");
  }

  @Test
  void a_name_the_desk_does_not_read_is_refused() {
    assertThat(known.accepts("RECOVERY_MAIL_IMAP_HOST")).isTrue();
    assertThat(known.accepts("SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_REQUIRED")).isTrue();
    assertThat(known.accepts("RECOVERY_MAIL_IMAP_HOSTNAME")).isFalse();
    assertThat(known.accepts("SPRING_DATASOURCE_URI")).isFalse();
  }

  private static int serverPort() {
    return (Integer) settings.get("server.port");
  }

  private static Map<String, Object> kind(String kind) throws IOException {
    try (Stream<Path> files = Files.list(KUBERNETES)) {
      var found = new ArrayList<Map<String, Object>>();
      for (var file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        yaml(file).stream().filter(doc -> kind.equals(doc.get("kind"))).forEach(found::add);
      }
      assertThat(found).as("one %s in %s", kind, KUBERNETES).hasSize(1);
      return found.get(0);
    }
  }

  /**
   * The settings the desk reads: Spring Boot's, Camunda's and its own (their configuration
   * metadata), and every key of application.yaml, in the form of environment variables.
   */
  private record Settings(Set<String> names, Set<String> mapPrefixes) {

    static Settings onClassPath(Set<String> yamlKeys) throws IOException {
      var names = new TreeSet<String>();
      var mapPrefixes = new TreeSet<String>();
      yamlKeys.forEach(key -> names.add(environmentName(key)));
      var loader = DeploymentExamplesTest.class.getClassLoader();
      for (var url :
          Collections.list(loader.getResources("META-INF/spring-configuration-metadata.json"))) {
        for (JsonNode property : new ObjectMapper().readTree(url).path("properties")) {
          var name = environmentName(property.path("name").asText());
          names.add(name);
          if (property.path("type").asText().startsWith("java.util.Map<")) {
            mapPrefixes.add(name + "_");
          }
        }
      }
      return new Settings(names, mapPrefixes);
    }

    /** Spring Boot's relaxed binding: dots become underscores, dashes go, all upper case. */
    static String environmentName(String property) {
      return property.replace(".", "_").replace("-", "").toUpperCase();
    }

    boolean accepts(String variable) {
      return names.contains(variable) || mapPrefixes.stream().anyMatch(variable::startsWith);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> yaml(Path file) throws IOException {
    var documents = new ArrayList<Map<String, Object>>();
    for (var document : new Yaml().loadAll(Files.readString(file))) {
      documents.add((Map<String, Object>) document);
    }
    return documents;
  }

  /** {@code a: {b: 1}} as {@code a.b -> 1}, keeping {@code a -> {b: 1}} too. */
  private static Map<String, Object> flatten(Map<String, Object> tree) {
    var flat = new LinkedHashMap<String, Object>();
    flatten("", tree, flat);
    return flat;
  }

  private static void flatten(String prefix, Map<String, Object> tree, Map<String, Object> flat) {
    tree.forEach(
        (key, value) -> {
          var name = prefix + key;
          flat.put(name, value);
          if (value instanceof Map<?, ?> child) {
            flatten(name + ".", map(child), flat);
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  private static String string(Object value) {
    return String.valueOf(value);
  }
}
