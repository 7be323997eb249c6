package dev.recoverydesk.system.identity;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasklist queues (filters) as {@link SupportDeskIdentity} defines them: each written again at
 * every start, readable by its groups, and old names removed.
 */
final class TasklistQueues {

  private static final Logger log = LoggerFactory.getLogger(TasklistQueues.class);

  private final FilterService filterService;
  private final TaskService taskService;
  private final DeskGrants grants;

  TasklistQueues(FilterService filterService, TaskService taskService, DeskGrants grants) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.grants = grants;
  }

  void retire(String name) {
    for (Filter filter : filterService.createFilterQuery().filterName(name).list()) {
      filterService.deleteFilter(filter.getId());
      log.info("Removed the old Tasklist filter '{}'", name);
    }
  }

  void queue(
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
      grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
