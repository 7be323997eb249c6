package dev.recoverydesk.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One recovery case written down as a support lead would tell it: who the account is, then what the
 * user, the desk and the agents do, step by step. Read from a YAML file under {@code
 * src/test/resources/scenarios/}; {@code README.md} shows the format.
 *
 * @param account the account's facts: a demo account's ({@code like}) or written out ({@code
 *     facts}), made unique for the run
 * @param steps each a one-key map: the key names what happens, the value says how
 */
record Scenario(String file, String title, JsonNode account, List<Step> steps) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One step: its number in the file (from 1), what it does and its arguments. */
  record Step(int number, String kind, JsonNode args) {

    @Override
    public String toString() {
      return "step " + number + " (" + kind + ": " + args + ")";
    }
  }

  static Scenario read(String file, InputStream in) throws IOException {
    var root = YAML.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": a scenario is a map with title, account, steps");
    }
    for (var names = root.fieldNames(); names.hasNext(); ) {
      var name = names.next();
      if (!List.of("title", "account", "steps").contains(name)) {
        throw new IllegalArgumentException(file + ": unknown key '" + name + "'");
      }
    }
    var steps = new ArrayList<Step>();
    var listed = root.path("steps");
    if (!listed.isArray() || listed.isEmpty()) {
      throw new IllegalArgumentException(file + ": 'steps' must list at least one step");
    }
    for (int i = 0; i < listed.size(); i++) {
      var step = listed.get(i);
      if (!step.isObject() || step.size() != 1) {
        throw new IllegalArgumentException(
            file + ": step " + (i + 1) + " must be one 'kind: arguments' pair, not " + step);
      }
      var kind = step.fieldNames().next();
      steps.add(new Step(i + 1, kind, step.get(kind)));
    }
    return new Scenario(file, root.path("title").asText(file), root.path("account"), steps);
  }

  @Override
  public String toString() {
    return file + ": " + title;
  }
}
