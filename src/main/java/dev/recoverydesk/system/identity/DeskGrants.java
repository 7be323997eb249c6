package dev.recoverydesk.system.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import dev.recoverydesk.system.DeskGroups;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desk's groups and what each may do in Camunda, written only where missing, so that an
 * administrator's later changes stay. {@link SupportDeskIdentity} says which.
 */
final class DeskGrants {

  private static final Logger log = LoggerFactory.getLogger(DeskGrants.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  DeskGrants(IdentityService identityService, AuthorizationService authorizationService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  void group(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    var group = identityService.newGroup(id);
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
    log.info("Created group {}", id);
  }

  void grant(String group, Resource resource, String resourceId, Permission... wanted) {
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
  void onlyTaskWork() {
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
}
