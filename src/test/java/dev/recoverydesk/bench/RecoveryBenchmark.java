package dev.recoverydesk.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.PostgresServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end recovery cases per second through the whole desk, against the same models on the bare
 * engine, in one run (each stack in a JVM of its own). Each case: a request through {@code POST
 * /api/recovery-requests}, the questionnaire out over SMTP, the answers back over SMTP and read by
 * the IMAP IDLE poller, parsing and scoring, an agent's and a supervisor's approval through the
 * engine's API, the hold, the reset and the new codes' link by mail.
 *
 * <p>Run it with {@code mvn -B -Pbench verify} (options: {@code -Dbench.cases}, {@code
 * -Dbench.warmup}); the figures are printed and kept in {@code target/bench/result.txt}. It exits
 * non-zero when any case did not reach its new codes.
 */
public final class RecoveryBenchmark {

  private RecoveryBenchmark() {}

  /**
   * @param cases the cases each stack carries, measured, all opened at once
   * @param warmup cases each stack carries first, not measured, so the JIT has compiled the code;
   *     after 100 the desk's code was still being compiled, a tenth of its CPU
   * @param steady cases the desk then carries at a steady rate, for the latency of a desk that is
   *     not flooded
   * @param rate how many of those cases open per second
   * @param hold the reset's waiting period, short so that a case ends within seconds
   * @param timeout how long the cases of one stack may take before the rest count as stuck
   * @param work where the run keeps its databases, the desk's log and the result
   * @param database {@code h2}, the desk's embedded default, or {@code postgres}: both stacks on a
   *     PostgreSQL database of their own (see {@link PostgresServer}) with the production profile's
   *     database and job executor settings
   */
  record Options(
      int cases,
      int warmup,
      int steady,
      double rate,
      Duration hold,
      Duration timeout,
      Path work,
      String database,
      int nodes) {

    static final List<String> DATABASES = List.of("h2", "postgres");

    boolean onPostgres() {
      return database.equals("postgres");
    }

    static Options parse(String... args) {
      var values = new HashMap<String, String>();
      for (var arg : args) {
        if (!arg.startsWith("--") || !arg.contains("=")) {
          throw new IllegalArgumentException("Options look like --cases=2000, not " + arg);
        }
        values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      }
      var options =
          new Options(
              Integer.parseInt(values.getOrDefault("cases", "2000")),
              Integer.parseInt(values.getOrDefault("warmup", "500")),
              Integer.parseInt(values.getOrDefault("steady", "150")),
              Double.parseDouble(values.getOrDefault("rate", "1")),
              Duration.parse(values.getOrDefault("hold", "PT1S")),
              Duration.parse(values.getOrDefault("timeout", "PT30M")),
              Path.of(values.getOrDefault("work", "target/bench")),
              values.getOrDefault("database", "h2"),
              Integer.parseInt(values.getOrDefault("nodes", "1")));
      var unknown = new ArrayList<>(values.keySet());
      unknown.removeAll(
          List.of(
              "cases", "warmup", "steady", "rate", "hold", "timeout", "work", "database", "nodes"));
      if (!unknown.isEmpty()
          || !DATABASES.contains(options.database())
          || options.nodes() < 1
          || (options.nodes() > 1 && !options.onPostgres())
          || options.cases() < 1
          || options.warmup() < 0
          || options.steady() < 0
          || !(options.rate() > 0)) {
        throw new IllegalArgumentException(
            "Options: --cases=N (at least 1) --warmup=N --steady=N --rate=cases/s (above 0)"
                + " --hold=PT1S --timeout=PT30M --work=dir --database=h2|postgres --nodes=N (above 1 on postgres only); unknown: "
                + unknown);
      }
      return options;
    }

    /** These options as {@link #parse} reads them. */
    List<String> arguments() {
      return List.of(
          "--cases=" + cases,
          "--warmup=" + warmup,
          "--steady=" + steady,
          "--rate=" + rate,
          "--hold=" + hold,
          "--timeout=" + timeout,
          "--work=" + work.toAbsolutePath(),
          "--database=" + database,
          "--nodes=" + nodes);
    }
  }

  /** What one stack did with the measured cases. */
  record Result(
      String stack,
      int cases,
      int notOpened,
      long resolved,
      long endedOtherwise,
      Map<String, Long> stuckAt,
      double seconds,
      long taskCompletions,
      long agentFailures,
      long mailsOut,
      long mailsIn,
      List<Long> latencies,
      long peakHeapBytes,
      long cpuMillis) {

    long unfinished() {
      return cases - resolved;
    }

    double casesPerSecond() {
      return resolved / seconds;
    }

    /**
     * The JVM's CPU time per resolved case while the batch ran: the stack, its users and agents.
     */
    long cpuMillisPerCase() {
      return resolved == 0 ? -1 : cpuMillis / resolved;
    }

    long percentile(int p) {
      if (latencies.isEmpty()) {
        return -1;
      }
      int rank = (int) Math.ceil(p / 100.0 * latencies.size());
      return latencies.get(Math.max(0, rank - 1));
    }
  }

  /**
   * @param steady the desk's cases at a steady rate, or null when none were asked for
   */
  record Report(Result desk, Result baseline, Result steady, double rate) {
    boolean everyCaseFinished() {
      return desk.unfinished() == 0
          && baseline.unfinished() == 0
          && (steady == null || steady.unfinished() == 0);
    }

    /** The latency goal is for a desk that keeps up: at the steady rate, else all at once. */
    Result latency() {
      return steady == null ? desk : steady;
    }

    double ratio() {
      return desk.casesPerSecond() / baseline.casesPerSecond();
    }
  }

  /** What the desk's JVM hands to the baseline's and to the report. */
  record DeskRun(long pid, BareEngine.Settings settings, Result desk, Result steady) {}

  /** What the baseline's JVM hands to the report. */
  record BaselineRun(long pid, Result baseline) {}

  private static final String STACK = "--stack=";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Runs the desk and then the bare engine, each in a new JVM of its own (see {@link
   * #inJvmsOfTheirOwn}). {@code --stack=desk} or {@code --stack=baseline} runs one half in this JVM
   * and leaves its result in the work directory; cases that did not finish are the report's to
   * count, not a failure of the half.
   */
  public static void main(String[] args) throws Exception {
    var half = Stream.of(args).filter(arg -> arg.startsWith(STACK)).findFirst();
    var options =
        Options.parse(Stream.of(args).filter(arg -> !arg.startsWith(STACK)).toArray(String[]::new));
    var work = options.work().toAbsolutePath();
    if (half.isEmpty()) {
      if (options.onPostgres() && PostgresServer.whyUnreachable().isPresent()) {
        System.out.println(
            PostgresServer.whyUnreachable().get() + ": the benchmark on PostgreSQL is skipped.");
        System.exit(0);
      }
      var report = inJvmsOfTheirOwn(options, System.out);
      System.exit(report.isPresent() && report.get().everyCaseFinished() ? 0 : 1);
    }
    switch (half.get().substring(STACK.length())) {
      case "desk" -> {
        var run = desk(work, options, System.out);
        JSON.writeValue(work.resolve("desk.json").toFile(), run);
        System.exit(0);
      }
      case "baseline" -> {
        // The desk's JVM logs to its own file; the bare engine's would fill the console.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
            .setLevel(Level.WARN);
        var settings = JSON.readValue(work.resolve("desk.json").toFile(), DeskRun.class).settings();
        var result = baseline(work, settings, options, System.out);
        JSON.writeValue(
            work.resolve("baseline.json").toFile(),
            new BaselineRun(ProcessHandle.current().pid(), result));
        System.exit(0);
      }
      default -> throw new IllegalArgumentException("--stack=desk or --stack=baseline");
    }
  }

  /**
   * The desk, then the bare engine, each in a new JVM of its own with this JVM's options, so that
   * neither is measured on code the JIT compiled for the other; this JVM only reports.
   *
   * @return the report, or empty when a stack's JVM failed (what it printed says why)
   */
  static Optional<Report> inJvmsOfTheirOwn(Options options, PrintStream out) throws Exception {
    var work = options.work().toAbsolutePath();
    clean(work);
    announce(options, out);
    for (var stack : List.of("desk", "baseline")) {
      var exit = inNewJvm(options, stack, out);
      if (exit != 0) {
        out.printf("The %s's JVM ended with %d%n", stack, exit);
        return Optional.empty();
      }
    }
    var desk = JSON.readValue(work.resolve("desk.json").toFile(), DeskRun.class);
    var baseline = JSON.readValue(work.resolve("baseline.json").toFile(), BaselineRun.class);
    var report = new Report(desk.desk(), baseline.baseline(), desk.steady(), options.rate());
    return Optional.of(report(report, desk.settings(), work, out));
  }

  /** Starts this class again in a new JVM with this JVM's options, for one stack; waits for it. */
  private static int inNewJvm(Options options, String stack, PrintStream out) throws Exception {
    var command = new ArrayList<String>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    // Under Surefire the class path is one manifest-only jar, and Surefire's own list ends with a
    // separator: an empty entry, the working directory, where processes/ would be found again.
    command.add(
        Stream.of(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"))
                    .split(File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .collect(Collectors.joining(File.pathSeparator)));
    command.add(RecoveryBenchmark.class.getName());
    command.addAll(options.arguments());
    command.add(STACK + stack);
    var jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var printed =
        new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      printed.lines().forEach(out::println);
    }
    return jvm.waitFor();
  }

  /** Both stacks in this JVM, one after the other: for the benchmark's own test. */
  static Report run(Options options, PrintStream out) throws Exception {
    var work = options.work().toAbsolutePath();
    clean(work);
    announce(options, out);
    var desk = desk(work, options, out);
    var baseline = baseline(work, desk.settings(), options, out);
    return report(
        new Report(desk.desk(), baseline, desk.steady(), options.rate()),
        desk.settings(),
        work,
        out);
  }

  private static void announce(Options options, PrintStream out) {
    out.printf(
        "Recovery Desk benchmark on %s, %d desk node(s): %d cases per stack after %d to warm up, then %d on the desk"
            + " at %s a second; hold %s%n",
        options.onPostgres() ? "PostgreSQL" : "H2",
        options.nodes(),
        options.cases(),
        options.warmup(),
        options.steady(),
        fixed(options.rate()),
        options.hold());
  }

  private static DeskRun desk(Path work, Options options, PrintStream out) throws Exception {
    try (var stack =
        new DeskUnderLoad(work, options.hold(), options.onPostgres(), options.nodes())) {
      var settings = BareEngine.Settings.of(stack.engine(), stack.dataSource());
      var desk = carry(stack, options, out);
      Result steady = null;
      if (desk.unfinished() == 0 && options.steady() > 0) {
        steady =
            measure(
                stack,
                "s",
                options.steady(),
                Duration.ofNanos((long) (1e9 / options.rate())),
                options.timeout(),
                out);
      }
      return new DeskRun(ProcessHandle.current().pid(), settings, desk, steady);
    }
  }

  private static Result baseline(
      Path work, BareEngine.Settings settings, Options options, PrintStream out) throws Exception {
    try (var stack = new BareEngine(work, settings, options.hold(), options.onPostgres())) {
      out.println("Baseline: no-op in place of " + stack.replacedDelegates());
      return carry(stack, options, out);
    }
  }

  private static Report report(
      Report report, BareEngine.Settings settings, Path work, PrintStream out) throws IOException {
    var text = describe(report, settings);
    out.print(text);
    Files.writeString(work.resolve("result.txt"), text);
    return report;
  }

  private static Result carry(StackUnderTest stack, Options options, PrintStream out)
      throws Exception {
    if (options.warmup() > 0) {
      var warm = measure(stack, "w", options.warmup(), Duration.ZERO, options.timeout(), out);
      if (warm.unfinished() > 0) {
        out.printf("%s: %d warm-up cases did not finish%n", stack.name(), warm.unfinished());
        return warm;
      }
    }
    return measure(stack, "m", options.cases(), Duration.ZERO, options.timeout(), out);
  }

  /**
   * Opens the cases of a batch, all at once as after an outage ({@code spacing} zero) or one every
   * {@code spacing}, and waits for all to end.
   */
  private static Result measure(
      StackUnderTest stack,
      String batch,
      int cases,
      Duration spacing,
      Duration timeout,
      PrintStream out)
      throws Exception {
    stack.prepare(batch, cases);
    var engine = stack.engine();
    var history = engine.getHistoryService();
    long mailsOut = stack.mailsOut();
    long mailsIn = stack.mailsIn();
    System.gc();
    try (var heap = new HeapSampler();
        var agents = new Agents(engine)) {
      long start = System.currentTimeMillis();
      long cpuAtStart = processCpuNanos();
      var since = new Date(start - 1);
      var intake = Executors.newScheduledThreadPool(4, Threads.named("intake"));
      var refused = new ConcurrentLinkedQueue<String>();
      for (int i = 0; i < cases; i++) {
        int index = i;
        intake.schedule(
            () -> {
              try {
                stack.open(batch, index);
              } catch (Exception e) {
                refused.add(e.toString());
              }
            },
            spacing.toNanos() * i,
            TimeUnit.NANOSECONDS);
      }
      intake.shutdown();

      long deadline = start + timeout.toMillis();
      long nextProgress = start + 10_000;
      long ended = 0;
      while (System.currentTimeMillis() < deadline) {
        ended = ended(history, since);
        if (ended + refused.size() >= cases && intake.isTerminated()) {
          break;
        }
        if (System.currentTimeMillis() >= nextProgress) {
          out.printf(
              "  %s: %d of %d cases ended after %d s%n",
              stack.name(), ended, cases, (System.currentTimeMillis() - start) / 1000);
          nextProgress += 10_000;
        }
        // The end time comes from the history; polling only notices that all ended.
        Thread.sleep(1000);
      }
      long cpu = (processCpuNanos() - cpuAtStart) / 1_000_000;
      intake.awaitTermination(1, TimeUnit.SECONDS);
      refused.stream().limit(5).forEach(reason -> out.println("  refused: " + reason));

      long last = lastEnd(history, since).orElse(System.currentTimeMillis());
      long resolved =
          history
              .createHistoricActivityInstanceQuery()
              .activityId(StackUnderTest.RESOLVED_END)
              .startedAfter(since)
              .count();
      var result =
          new Result(
              batch.equals("s") ? stack.name() + " at a steady rate" : stack.name(),
              cases,
              refused.size(),
              resolved,
              ended - resolved,
              stuckAt(engine, since),
              Math.max(1, last - start) / 1000.0,
              agents.completions(),
              agents.failures(),
              stack.mailsOut() - mailsOut,
              stack.mailsIn() - mailsIn,
              latencies(engine, since, stack.answersSentAt()),
              heap.peak(),
              cpu);
      out.printf(
          "  %s: %d of %d cases resolved in %.1f s%s%n",
          stack.name(), resolved, cases, result.seconds(), batch.equals("w") ? " (warm-up)" : "");
      return result;
    }
  }

  private static long ended(org.camunda.bpm.engine.HistoryService history, Date since) {
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(StackUnderTest.ROOT_PROCESS)
        .startedAfter(since)
        .finished()
        .count();
  }

  private static java.util.Optional<Long> lastEnd(
      org.camunda.bpm.engine.HistoryService history, Date since) {
    return history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(StackUnderTest.ROOT_PROCESS)
        .startedAfter(since)
        .finished()
        .orderByProcessInstanceEndTime()
        .desc()
        .listPage(0, 1)
        .stream()
        .findFirst()
        .map(instance -> instance.getEndTime().getTime());
  }

  /** Where cases that have not ended wait, by activity: empty when all ended. */
  private static Map<String, Long> stuckAt(ProcessEngine engine, Date since) {
    var waiting = new TreeMap<String, Long>();
    engine
        .getHistoryService()
        .createHistoricActivityInstanceQuery()
        .startedAfter(since)
        .unfinished()
        .list()
        .stream()
        .filter(activity -> !activity.getActivityType().equals("callActivity"))
        .forEach(activity -> waiting.merge(activity.getActivityId(), 1L, Long::sum));
    long incidents = engine.getRuntimeService().createIncidentQuery().count();
    if (incidents > 0) {
      waiting.put("(incidents)", incidents);
    }
    return waiting;
  }

  /** From each case's answers being sent to the engine's record of their correlation. */
  private static List<Long> latencies(
      ProcessEngine engine, Date since, Map<String, Long> answersSentAt) {
    var history = engine.getHistoryService();
    var caseOf = new HashMap<String, String>();
    history
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey("identity-verification")
        .startedAfter(since)
        .list()
        .forEach(
            (HistoricProcessInstance instance) ->
                caseOf.put(instance.getId(), instance.getBusinessKey()));
    var latencies = new ArrayList<Long>();
    history
        .createHistoricActivityInstanceQuery()
        .activityId(StackUnderTest.WAIT_FOR_ANSWERS)
        .startedAfter(since)
        .finished()
        .list()
        .forEach(
            (HistoricActivityInstance waited) -> {
              var sentAt = answersSentAt.get(caseOf.get(waited.getProcessInstanceId()));
              if (sentAt != null) {
                latencies.add(Math.max(0, waited.getEndTime().getTime() - sentAt));
              }
            });
    latencies.sort(Comparator.naturalOrder());
    return latencies;
  }

  static String describe(Report report, BareEngine.Settings settings) {
    var d = report.desk();
    var b = report.baseline();
    var latency = report.latency();
    var text = new StringBuilder();
    var runtime = Runtime.getRuntime();
    text.append(
        String.format(
            Locale.ROOT,
            "%nMachine: %s, %d cores, %s RAM; Java %s, max heap %d MB%n",
            cpuModel(),
            runtime.availableProcessors(),
            totalMemory(),
            System.getProperty("java.version"),
            runtime.maxMemory() / (1024 * 1024)));
    text.append(
        String.format(
            Locale.ROOT,
            "Engine (both): history %s, job executor %d-%d threads, %d jobs per acquisition,"
                + " lock time %d s, %d database connections%n",
            settings.history(),
            settings.corePoolSize(),
            settings.maxPoolSize(),
            settings.maxJobsPerAcquisition(),
            settings.lockTimeInMillis() / 1000,
            settings.connectionPoolSize()));
    text.append(
        String.format(
            Locale.ROOT,
            "Database (each stack its own): %s, isolation %s, JDBC batch processing %s%s%n%n",
            settings.database(),
            settings.transactionIsolation() == null
                ? "the driver's default"
                : settings.transactionIsolation(),
            settings.jdbcBatchProcessing() ? "on" : "off",
            settings.databaseOptions().isEmpty() ? "" : ", options " + settings.databaseOptions()));
    row(text, "", "the desk", "bare engine");
    row(text, "cases", d.cases(), b.cases());
    row(text, "resolved with new codes", d.resolved(), b.resolved());
    row(text, "unfinished (lost or stuck)", d.unfinished(), b.unfinished());
    row(text, "seconds, first request to last end", fixed(d.seconds()), fixed(b.seconds()));
    row(text, "cases per second", fixed(d.casesPerSecond()), fixed(b.casesPerSecond()));
    row(text, "task completions", d.taskCompletions(), b.taskCompletions());
    row(text, "mails out per second", fixed(d.mailsOut() / d.seconds()), "-");
    row(text, "mails in per second", fixed(d.mailsIn() / d.seconds()), "-");
    row(text, "answers to correlation p50 (ms)", d.percentile(50), b.percentile(50));
    row(text, "answers to correlation p95 (ms)", d.percentile(95), b.percentile(95));
    row(text, "answers to correlation p99 (ms)", d.percentile(99), b.percentile(99));
    row(text, "peak heap used (MB)", d.peakHeapBytes() >> 20, b.peakHeapBytes() >> 20);
    row(text, "CPU per case, whole JVM (ms)", d.cpuMillisPerCase(), b.cpuMillisPerCase());
    if (report.steady() != null) {
      var s = report.steady();
      text.append(
          String.format(
              Locale.ROOT,
              "%nThe desk at a steady %s cases a second (%d cases, %d resolved, %d unfinished):"
                  + "%n",
              fixed(report.rate()),
              s.cases(),
              s.resolved(),
              s.unfinished()));
      row(text, "answers to correlation p50 (ms)", s.percentile(50), "");
      row(text, "answers to correlation p95 (ms)", s.percentile(95), "");
      row(text, "answers to correlation p99 (ms)", s.percentile(99), "");
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%nThe desk / bare engine on %s: %.2f (goal at least 0.50: %s)%n",
            settings.database(),
            report.ratio(),
            report.ratio() >= 0.5 ? "met" : "missed"));
    text.append(
        String.format(
            Locale.ROOT,
            "Answers to correlation p99 through SMTP and IMAP IDLE, %s: %d ms (goal at most 1000"
                + " ms: %s)%n",
            report.steady() == null
                ? "all cases at once"
                : "at " + fixed(report.rate()) + " cases a second",
            latency.percentile(99),
            latency.percentile(99) >= 0 && latency.percentile(99) <= 1000 ? "met" : "missed"));
    for (var result : report.steady() == null ? List.of(d, b) : List.of(d, b, report.steady())) {
      if (result.unfinished() > 0 || result.agentFailures() > 0) {
        text.append(
            String.format(
                Locale.ROOT,
                "%s: %d not opened, %d ended without new codes, %d agent failures, waiting at %s%n",
                result.stack(),
                result.notOpened(),
                result.endedOtherwise(),
                result.agentFailures(),
                result.stuckAt()));
      }
    }
    text.append(
        report.everyCaseFinished() ? "Every case finished.\n" : "NOT every case finished.\n");
    return text.toString();
  }

  private static void row(StringBuilder text, String label, Object desk, Object baseline) {
    text.append(String.format(Locale.ROOT, "%-36s %14s %14s%n", label, desk, baseline));
  }

  private static String fixed(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse(System.getProperty("os.arch"));
    } catch (IOException | UncheckedIOException e) {
      return System.getProperty("os.arch");
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static String totalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return (os.getTotalMemorySize() >> 30) + " GiB";
    }
    return "unknown";
  }

  /** Removes the databases of an earlier run; the desk's log goes with them. */
  private static void clean(Path work) throws IOException {
    Files.createDirectories(work);
    for (var old : List.of("desk-data", "baseline-data", "desk.log", "result.txt")) {
      var path = work.resolve(old);
      if (Files.exists(path)) {
        try (var files = Files.walk(path)) {
          files.sorted(Comparator.reverseOrder()).forEach(RecoveryBenchmark::delete);
        }
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The most heap in use at any sample, every 20 ms while it runs. */
  private static final class HeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapSampler() {
      var memory = ManagementFactory.getMemoryMXBean();
      sampler =
          new Thread(
              () -> {
                while (running) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    long peak() {
      return peak.get();
    }

    @Override
    public void close() {
      running = false;
      sampler.interrupt();
    }
  }
}
