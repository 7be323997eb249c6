package dev.recoverydesk.system;

/** The Camunda groups of the public contract. */
public final class DeskGroups {

  /** Agents who review identity evidence in Tasklist. */
  public static final String SUPPORT_AGENTS = "support-agents";

  /** Supervisors who give the second approval for high-risk resets. */
  public static final String SUPPORT_SUPERVISORS = "support-supervisors";

  /** Who may scrape {@code /actuator/prometheus}, and nothing else: a metrics collector. */
  public static final String MONITORING = "monitoring";

  /** Camunda's administrators group; members may do everything. */
  public static final String ADMINS = "camunda-admin";

  private DeskGroups() {}
}
