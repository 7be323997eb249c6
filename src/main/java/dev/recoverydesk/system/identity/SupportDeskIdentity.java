package dev.recoverydesk.system.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import dev.recoverydesk.common.Language;
import dev.recoverydesk.system.DeskGroups;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>Longer than the desk's other classes on purpose: every group, grant and queue is set up here,
 * in one file, so that who may see and do what is read in one place.
 */
@Component
class SupportDeskIdentity implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(SupportDeskIdentity.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;

  SupportDeskIdentity(
      IdentityService identityService,
      AuthorizationService authorizationService,
      FilterService filterService,
      TaskService taskService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
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
    group(DeskGroups.ADMINS, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
    group(DeskGroups.SUPPORT_AGENTS, "Support agents", Groups.GROUP_TYPE_WORKFLOW);
    group(DeskGroups.SUPPORT_SUPERVISORS, "Support supervisors", Groups.GROUP_TYPE_WORKFLOW);

    // The engine checks administrators like everyone else: they hold ALL on every resource.
    for (Resource resource : Resources.values()) {
      grant(DeskGroups.ADMINS, resource, ANY, Permissions.ALL);
    }

    for (String group : new String[] {DeskGroups.SUPPORT_AGENTS, DeskGroups.SUPPORT_SUPERVISORS}) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(
          group,
          Resources.PROCESS_DEFINITION,
          ANY,
          ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_HISTORY);
    }
    grant(DeskGroups.SUPPORT_SUPERVISORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    // Leads hand work around: assign, unclaim, delegate. Who decides is who completes, whatever
    // the assignee says.
    grant(DeskGroups.SUPPORT_SUPERVISORS, Resources.TASK, ANY, Permissions.TASK_ASSIGN);
    onlyTaskWork();
    grant(
        DeskGroups.SUPPORT_SUPERVISORS,
        Resources.PROCESS_DEFINITION,
        ANY,
        ProcessDefinitionPermissions.READ_INSTANCE);
    grant(DeskGroups.SUPPORT_SUPERVISORS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(DeskGroups.SUPPORT_SUPERVISORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ);

    // Tasklist opens on the queue with the lowest priority: the reviews waiting for an agent.
    queue(
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
    queue(
        "Unmatched mail",
        "Mail no case could take: attach it, open a case from it, or set it aside",
        5,
        query -> query.taskDefinitionKey("triage-mail").orderByTaskCreateTime().asc(),
        DeskGroups.SUPPORT_AGENTS,
        DeskGroups.SUPPORT_SUPERVISORS);
    queue(
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
    queue(
        "My cases",
        "Tasks assigned to me, soonest due first",
        15,
        query -> query.taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
        DeskGroups.SUPPORT_AGENTS,
        DeskGroups.SUPPORT_SUPERVISORS);
    queue(
        "Overdue",
        "Tasks past their due date",
        20,
        query -> query.dueBeforeExpression("${now()}").orderByDueDate().asc(),
        DeskGroups.SUPPORT_AGENTS,
        DeskGroups.SUPPORT_SUPERVISORS);
    // Earlier names of these queues.
    retire("Identity reviews");
    retire("Supervisor approvals");
  }

  /** The tasks support agents work: reviews and problem confirmations, assigned or not. */
  private static TaskQuery reviews(TaskQuery query) {
    return query.taskCandidateGroup(DeskGroups.SUPPORT_AGENTS).includeAssignedTasks();
  }

  private void languageQueue(String name, String description, int priority, Language language) {
    queue(
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

  private void group(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    var group = identityService.newGroup(id);
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
    log.info("Created group {}", id);
  }

  private void grant(String group, Resource resource, String resourceId, Permission... wanted) {
    var existing =
        authorizationService
            .createAuthorizationQuery()
            .groupIdIn(group)
            .resourceType(resource)
            .resourceId(resourceId)
            .authorizationType(AUTH_TYPE_GRANT)
            .singleResult();
    var authorization =
        existing != null ? existing : authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
    if (existing == null) {
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = existing == null;
    for (Permission permission : wanted) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }

  /**
   * Tasks created before candidates got {@code TASK_WORK} still carry {@code UPDATE} for their
   * candidates and assignee: take it back, so that nobody but an administrator writes variables.
   */
  private void onlyTaskWork() {
    var granted =
        authorizationService
            .createAuthorizationQuery()
            .resourceType(Resources.TASK)
            .authorizationType(AUTH_TYPE_GRANT)
            .hasPermission(Permissions.UPDATE)
            .list();
    int changed = 0;
    for (var authorization : granted) {
      if (ANY.equals(authorization.getResourceId())
          || DeskGroups.ADMINS.equals(authorization.getGroupId())) {
        continue;
      }
      authorization.removePermission(Permissions.UPDATE);
      authorization.addPermission(Permissions.TASK_WORK);
      authorizationService.saveAuthorization(authorization);
      changed++;
    }
    if (changed > 0) {
      log.info("Replaced UPDATE by TASK_WORK on {} task authorizations", changed);
    }
  }

  private void retire(String name) {
    for (Filter filter : filterService.createFilterQuery().filterName(name).list()) {
      filterService.deleteFilter(filter.getId());
      log.info("Removed the old Tasklist filter '{}'", name);
    }
  }

  private void queue(
      String name,
      String description,
      int priority,
      Consumer<TaskQuery> criteria,
      String... groups) {
    // Kept as written here at every start, so a changed queue reaches existing desks.
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name);
      log.info("Created Tasklist filter '{}'", name);
    }
    var query = taskService.createTaskQuery();
    criteria.accept(query);
    filter.setQuery(query);
    filter.setProperties(
        Map.of(
            "description",
            description,
            "priority",
            priority,
            "refresh",
            true,
            // Each task in the list shows its case's language.
            "variables",
            List.of(Map.of("name", "locale", "label", "Language / 言語"))));
    filterService.saveFilter(filter);
    for (String group : groups) {
      grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
