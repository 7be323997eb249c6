package dev.recoverydesk.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.recoverydesk.PostgresServer;
import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.system.H2Statistics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The baseline: the desk's own BPMN, DMN and forms on a Camunda engine configured like the desk's
 * (history, job executor, id generator, H2 file database and its seeded column statistics,
 * connection pool), with every delegate and listener a no-op. The few delegates whose result steers
 * the benchmark's path set that result and nothing else (see {@link #decided}); the answers arrive
 * as a direct message correlation.
 */
final class BareEngine implements StackUnderTest {

  private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"");
  private static final String ANSWERS = "questionnaire-reply";

  private final HikariDataSource dataSource;
  private final PostgresServer.Database database;
  private final ProcessEngine engine;
  private final Map<String, Long> answersSentAt = new ConcurrentHashMap<>();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final AtomicLong correlations = new AtomicLong();
  private final Thread users;
  private volatile boolean running = true;

  /** The desk engine's settings that matter for throughput, copied to the baseline. */
  record Settings(
      String history,
      boolean authorization,
      int corePoolSize,
      int maxPoolSize,
      int queueSize,
      int maxJobsPerAcquisition,
      int waitTimeInMillis,
      long maxWait,
      int lockTimeInMillis,
      int backoffTimeInMillis,
      long maxBackoff,
      int connectionPoolSize,
      String database,
      String transactionIsolation,
      boolean jdbcBatchProcessing,
      String databaseOptions) {

    /**
     * The desk's settings, from its engine and its connection pool: on H2, the databaseOptions are
     * what follows the file name in its URL, e.g. {@code ;QUERY_CACHE_SIZE=256}.
     */
    static Settings of(ProcessEngine engine, HikariDataSource pool) throws SQLException {
      String database;
      try (var connection = pool.getConnection()) {
        var meta = connection.getMetaData();
        database =
            meta.getDatabaseProductName()
                + " "
                + meta.getDatabaseMajorVersion()
                + "."
                + meta.getDatabaseMinorVersion();
      }
      var url = pool.getJdbcUrl();
      var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      var jobs = config.getJobExecutor();
      int core = 3;
      int max = 10;
      int queue = 3;
      if (jobs instanceof SpringJobExecutor spring
          && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor threads) {
        core = threads.getCorePoolSize();
        max = threads.getMaxPoolSize();
        queue = threads.getQueueCapacity();
      }
      return new Settings(
          config.getHistory(),
          config.isAuthorizationEnabled(),
          core,
          max,
          queue,
          jobs.getMaxJobsPerAcquisition(),
          jobs.getWaitTimeInMillis(),
          jobs.getMaxWait(),
          jobs.getLockTimeInMillis(),
          jobs.getBackoffTimeInMillis(),
          jobs.getMaxBackoff(),
          pool.getMaximumPoolSize(),
          database,
          pool.getTransactionIsolation(),
          config.isJdbcBatchProcessing(),
          url.startsWith("jdbc:h2:") && url.contains(";") ? url.substring(url.indexOf(';')) : "");
    }
  }

  /** Stands in for every delegate and listener of the models; a deciding one sets its result. */
  static final class NoOp implements JavaDelegate, ExecutionListener, TaskListener {
    private final Map<String, Object> decided;

    NoOp(Map<String, Object> decided) {
      this.decided = decided;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariables(decided);
    }

    @Override
    public void notify(DelegateExecution execution) {}

    @Override
    public void notify(DelegateTask task) {}
  }

  /**
   * Stands in for the desk's {@code reviewRoute}: the decisions as the completions sent them, and
   * the second approval the deciding scoring step set.
   */
  public static final class Route {
    public String review(DelegateExecution execution) {
      return (String) execution.getVariable("decision");
    }

    public String approval(DelegateExecution execution) {
      return (String) execution.getVariable("decision");
    }

    public boolean secondApprovalNeeded(DelegateExecution execution) {
      return Boolean.TRUE.equals(execution.getVariable("secondApproval"));
    }
  }

  /**
   * @param onPostgres on a PostgreSQL database of its own, created here and dropped by {@link
   *     #close()}, rather than an H2 file in the work directory
   */
  BareEngine(Path workDir, Settings settings, Duration holdPeriod, boolean onPostgres)
      throws IOException {
    var models = models();
    var noOps = new HashMap<Object, Object>();
    noOps.put("reviewRoute", new Route());
    for (var model : models.values()) {
      var delegates = DELEGATE.matcher(model);
      while (delegates.find()) {
        noOps.put(delegates.group(1), new NoOp(decided(delegates.group(1), holdPeriod)));
      }
    }
    dataSource = new HikariDataSource();
    if (onPostgres) {
      database = PostgresServer.create("bench_baseline");
      dataSource.setJdbcUrl(database.url());
      dataSource.setUsername(PostgresServer.USER);
      dataSource.setPassword(PostgresServer.PASSWORD);
    } else {
      database = null;
      dataSource.setJdbcUrl(
          "jdbc:h2:file:" + workDir.resolve("baseline-data/engine") + settings.databaseOptions());
      dataSource.setUsername("sa");
      dataSource.setPassword("");
    }
    dataSource.setMaximumPoolSize(settings.connectionPoolSize());
    dataSource.setTransactionIsolation(settings.transactionIsolation());

    var config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("baseline");
    config.setDataSource(dataSource);
    config.setDatabaseSchemaUpdate("true");
    config.setJdbcBatchProcessing(settings.jdbcBatchProcessing());
    config.setHistory(settings.history());
    config.setAuthorizationEnabled(settings.authorization());
    config.setIdGenerator(new StrongUuidGenerator());
    config.setJavaSerializationFormatEnabled(false);
    config.setHistoryTimeToLive("P180D");
    config.setBeans(noOps);
    config.getProcessEnginePlugins().add(new SpinProcessEnginePlugin());
    var jobs = new DefaultJobExecutor();
    jobs.setCorePoolSize(settings.corePoolSize());
    jobs.setMaxPoolSize(settings.maxPoolSize());
    jobs.setQueueSize(settings.queueSize());
    jobs.setMaxJobsPerAcquisition(settings.maxJobsPerAcquisition());
    jobs.setWaitTimeInMillis(settings.waitTimeInMillis());
    jobs.setMaxWait(settings.maxWait());
    jobs.setLockTimeInMillis(settings.lockTimeInMillis());
    jobs.setBackoffTimeInMillis(settings.backoffTimeInMillis());
    jobs.setMaxBackoff(settings.maxBackoff());
    config.setJobExecutor(jobs);
    config.setJobExecutorActivate(true);
    engine = config.buildProcessEngine();
    // The desk seeds its new H2 database's column statistics when it starts; so does the baseline.
    H2Statistics.seed(dataSource);

    var deployment = engine.getRepositoryService().createDeployment().name("baseline");
    models.forEach(deployment::addString);
    deployment.deploy();

    users = new Thread(this::answerWaitingCases, "baseline-answers");
    users.setDaemon(true);
    users.start();
  }

  /**
   * What the desk's deciding delegates settle on the benchmark's path, without the work behind it:
   * the lost-phone path, no self-service option, an approving review that needs a second approval,
   * the hold.
   */
  private static Map<String, Object> decided(String delegate, Duration holdPeriod) {
    return switch (delegate) {
      case "choosePath" ->
          Map.of("path", "lost-phone", "smsWait", "PT2M", "selfServiceTimeout", "P3D");
      case "findOptions" -> Map.of("options", "");
      case "scoreAnswers" ->
          Map.of(
              "reviewDue",
              new Date(System.currentTimeMillis() + Duration.ofDays(1).toMillis()),
              "recommendation",
              "APPROVE",
              "secondApproval",
              true);
      case "startResetHold" -> Map.of("holdPeriod", holdPeriod.toString());
      default -> Map.of();
    };
  }

  /** The desk's models, by file name: the same files the desk deploys. */
  private static Map<String, String> models() throws IOException {
    var models = new LinkedHashMap<String, String>();
    var resolver = new PathMatchingResourcePatternResolver();
    for (var pattern : new String[] {"*.bpmn", "*.dmn", "*.form"}) {
      for (Resource resource : resolver.getResources("classpath*:processes/" + pattern)) {
        models.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
      }
    }
    return models;
  }

  /** The names of the delegates replaced, for the report. */
  Set<String> replacedDelegates() {
    var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    var names = new TreeSet<String>();
    config.getBeans().keySet().forEach(name -> names.add(String.valueOf(name)));
    return names;
  }

  @Override
  public String name() {
    return "bare engine";
  }

  @Override
  public ProcessEngine engine() {
    return engine;
  }

  @Override
  public void prepare(String batch, int count) {}

  /** What the desk's intake sets at the start. */
  @Override
  public String open(String batch, int index) {
    var caseId = CaseId.random().value();
    engine
        .getRuntimeService()
        .createProcessInstanceByKey(ROOT_PROCESS)
        .businessKey(caseId)
        .setVariable("caseId", caseId)
        .setVariable("problem", "LOST_PHONE")
        .setVariable("locale", "en")
        .setVariable("reminderAfter", "P2D")
        .setVariable("expireAfter", "P7D")
        .setVariable("reviewSla", "P1D")
        .execute();
    return caseId;
  }

  /** The users' side: every case waiting for answers gets them, one correlation each. */
  private void answerWaitingCases() {
    var runtime = engine.getRuntimeService();
    while (running) {
      try {
        var waiting =
            runtime
                .createProcessInstanceQuery()
                .processDefinitionKey("identity-verification")
                .activityIdIn(WAIT_FOR_ANSWERS)
                .listPage(0, 100);
        int taken = 0;
        for (var instance : waiting) {
          var caseId = instance.getBusinessKey();
          if (!answered.add(caseId)) {
            continue;
          }
          answersSentAt.put(caseId, System.currentTimeMillis());
          try {
            runtime
                .createMessageCorrelation(ANSWERS)
                .processInstanceBusinessKey(caseId)
                .setVariables(Map.of("replySignedToken", true))
                .correlateWithResult();
            correlations.incrementAndGet();
            taken++;
          } catch (OptimisticLockingException e) {
            answered.remove(caseId);
          }
        }
        if (taken == 0) {
          Thread.sleep(20);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (running) {
          System.err.println("The baseline's users could not answer: " + e);
          LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
      }
    }
  }

  @Override
  public long mailsOut() {
    return 0;
  }

  @Override
  public long mailsIn() {
    return correlations.get();
  }

  @Override
  public Map<String, Long> answersSentAt() {
    return Map.copyOf(answersSentAt);
  }

  @Override
  public void close() {
    running = false;
    users.interrupt();
    try {
      users.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
    dataSource.close();
    if (database != null) {
      database.close();
    }
  }
}
