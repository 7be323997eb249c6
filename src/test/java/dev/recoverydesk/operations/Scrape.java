package dev.recoverydesk.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** One answer of {@code /actuator/prometheus}, read as Prometheus reads the text format. */
record Scrape(List<Sample> samples) {

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  record Sample(String name, Map<String, String> labels, double value) {}

  static Scrape of(String text) {
    var samples = new ArrayList<Sample>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      var matcher = LINE.matcher(line.strip());
      if (!matcher.matches()) {
        throw new IllegalArgumentException("Not a sample line: " + line);
      }
      var labels = new LinkedHashMap<String, String>();
      if (matcher.group(2) != null) {
        var label = LABEL.matcher(matcher.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
    }
    return new Scrape(samples);
  }

  /** The names of every sample served. */
  Set<String> names() {
    var names = new TreeSet<String>();
    samples.forEach(sample -> names.add(sample.name()));
    return names;
  }

  /** The sum of the samples of this name whose labels include these (0 when there is none). */
  double value(String name, String... labels) {
    var wanted = new LinkedHashMap<String, String>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.stream()
        .filter(sample -> sample.name().equals(name))
        .filter(sample -> sample.labels().entrySet().containsAll(wanted.entrySet()))
        .mapToDouble(Sample::value)
        .sum();
  }

  /**
   * Whether a sample of this name with exactly these labels (besides the common ones) is served.
   */
  boolean has(String name, String... labels) {
    return samples.stream()
        .anyMatch(
            sample -> {
              if (!sample.name().equals(name)) {
                return false;
              }
              for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                  return false;
                }
              }
              return true;
            });
  }
}
