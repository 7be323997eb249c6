package dev.recoverydesk.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A process of its own on this machine's Java, its output in a log file: a desk node or the mail
 * server, outside the test's JVM, so that it can be killed as an operator's machine would lose it.
 */
final class ChildJvm implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java <options> <launch...>}; its standard output and error go to {@code log}.
   *
   * @param launch the main class and its arguments, or {@code -jar} and a jar
   */
  static ChildJvm start(String name, List<String> options, List<String> launch, Path log) {
    var command = new ArrayList<String>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(options);
    command.addAll(launch);
    try {
      Files.createDirectories(log.getParent());
      var process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      return new ChildJvm(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name, e);
    }
  }

  /**
   * The application's class path as this JVM has it, without the test classes: a node runs the
   * desk's own models and settings, not the test suite's. Under Surefire the class path is one
   * manifest-only jar, and Surefire's own list ends with a separator: an empty entry, the working
   * directory, where {@code processes/} would be found again.
   */
  static String applicationClassPath() {
    var testClasses = Path.of("target", "test-classes").toAbsolutePath().normalize();
    return Stream.of(
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(testClasses))
        .collect(Collectors.joining(File.pathSeparator));
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** What the process printed so far, for a failure's message. */
  String output() {
    try {
      var text = Files.readString(log);
      return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** {@code kill -9}: the process ends at once, with no shutdown hook and no commit. */
  void kill() {
    process.destroyForcibly();
    waitForEnd(Duration.ofSeconds(30));
  }

  /** Asks the process to stop (SIGTERM, a graceful shutdown), and kills it if it does not. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitForEnd(Duration.ofSeconds(30))) {
      kill();
    }
  }

  private boolean waitForEnd(Duration limit) {
    try {
      return process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
