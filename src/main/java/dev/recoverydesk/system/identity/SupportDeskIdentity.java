package dev.recoverydesk.system.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.system.DeskGroups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The groups of the contract, what each may do in Camunda, and the Tasklist queues they work from.
 * Created at every start in every profile (users are not: see {@link DemoUsers}), and only what is
 * missing, so an administrator's later changes stay.
 *
 * <p>Agents see tasks through the candidate-group link Camunda grants on each task; they get no
 * blanket right to read every task. That link grants {@code TASK_WORK} (claim, complete), never
 * {@code UPDATE}, which would let a candidate write the task's and so the case's variables. No desk
 * group may touch process instances (modify, set variables, correlate, signal, start): only {@code
 * camunda-admin}, and every such step is audited.
 */
@Component
class SupportDeskIdentity implements SmartInitializingSingleton {

  private final DeskGrants grants;
  private final TasklistQueues queues;

  SupportDeskIdentity(
      IdentityService identityService,
      AuthorizationService authorizationService,
      FilterService filterService,
      TaskService taskService) {
    this.grants = new DeskGrants(identityService, authorizationService);
    this.queues = new TasklistQueues(filterService, taskService, grants);
  }

  private boolean done;

  @Override
  public void afterSingletonsInstantiated() {
    ensure();
  }

  /** Idempotent; runs its work once per start whoever asks first. */
  synchronized void ensure() {
    if (done) {
      return;
    }
    done = true;
    grants.group(DeskGroups.ADMINS, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    grants.group(DeskGroups.SUPPORT_AGENTS, "Support agents", Groups.GROUP_TYPE_WORKFLOW);
    grants.group(DeskGroups.SUPPORT_SUPERVISORS, "Support supervisors", Groups.GROUP_TYPE_WORKFLOW);

    // The engine checks administrators like everyone else: they hold ALL on every resource.
    for (Resource resource : Resources.values()) {
      grants.grant(DeskGroups.ADMINS, resource, ANY, Permissions.ALL);
    }

    for (String group : new String[] {DeskGroups.SUPPORT_AGENTS, DeskGroups.SUPPORT_SUPERVISORS}) {
      grants.grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grants.grant(
          group,
          Resources.PROCESS_DEFINITION,
          ANY,
          ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_HISTORY);
    }
    grants.grant(
        DeskGroups.SUPPORT_SUPERVISORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    // Leads hand work around: assign, unclaim, delegate. Who decides is who completes, whatever
    // the assignee says.
    grants.grant(DeskGroups.SUPPORT_SUPERVISORS, Resources.TASK, ANY, Permissions.TASK_ASSIGN);
    grants.onlyTaskWork();
    grants.grant(
        DeskGroups.SUPPORT_SUPERVISORS,
        Resources.PROCESS_DEFINITION,
        ANY,
        ProcessDefinitionPermissions.READ_INSTANCE);
    grants.grant(DeskGroups.SUPPORT_SUPERVISORS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grants.grant(
        DeskGroups.SUPPORT_SUPERVISORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);

    // Tasklist opens on the queue with the lowest priority: the reviews waiting for an agent.
    queues.queue(
        "My review queue",
        "Identity reviews and problem confirmations for support agents, soonest due first",
        0,
        query -> reviews(query).orderByDueDate().asc(),
        DeskGroups.SUPPORT_AGENTS,
        DeskGroups.SUPPORT_SUPERVISORS);
    // The same reviews by the case's language, for agents who work in one, each named in its
    // language. The language is shown and sorted by, never decided on: a completion could write
    // the variable.
    languageQueue("日本語の案件", "日本語で届いたケースの審査と問題の確認（期限の近い順）", 1, Language.JA);
    languageQueue(
        "English cases", "Reviews and problem confirmations of cases in English", 2, Language.EN);
    queues.queue(
        "Unmatched mail",
        "Mail no case could take: attach it, open a case from it, or set it aside",
        5,
        query -> query.taskDefinitionKey("triage-mail").orderByTaskCreateTime().asc(),
        DeskGroups.SUPPORT_AGENTS,
        DeskGroups.SUPPORT_SUPERVISORS);
    queues.queue(
        "Needs my approval",
        "Second approvals, and tasks escalated to supervisors",
        10,
        query ->
            query
                .taskCandidateGroup(DeskGroups.SUPPORT_SUPERVISORS)
                .includeAssignedTasks()
                .orderByDueDate()
                .asc(),
        DeskGroups.SUPPORT_SUPERVISORS);
    queues.queue(
        "My cases",
        "Tasks assigned to me, soonest due first",
        15,
        query -> query.taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
        DeskGroups.SUPPORT_AGENTS,
        DeskGroups.SUPPORT_SUPERVISORS);
    queues.queue(
        "Overdue",
        "Tasks past their due date",
        20,
        query -> query.dueBeforeExpression("${now()}").orderByDueDate().asc(),
        DeskGroups.SUPPORT_AGENTS,
        DeskGroups.SUPPORT_SUPERVISORS);
    // Earlier names of these queues.
    queues.retire("Identity reviews");
    queues.retire("Supervisor approvals");
  }

  /** The tasks support agents work: reviews and problem confirmations, assigned or not. */
  private static TaskQuery reviews(TaskQuery query) {
    return query.taskCandidateGroup(DeskGroups.SUPPORT_AGENTS).includeAssignedTasks();
  }

  private void languageQueue(String name, String description, int priority, Language language) {
    queues.queue(
        name,
        description,
        priority,
        query ->
            reviews(query)
                .processVariableValueEquals("locale", language.tag())
                .orderByDueDate()
                .asc(),
        DeskGroups.SUPPORT_AGENTS,
        DeskGroups.SUPPORT_SUPERVISORS);
  }
}
