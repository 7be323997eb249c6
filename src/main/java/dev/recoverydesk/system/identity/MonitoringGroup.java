package dev.recoverydesk.system.identity;

import dev.recoverydesk.system.DeskGroups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The {@code monitoring} group, created at every start when missing: its members may read {@code
 * /actuator/prometheus} and nothing else. It holds no Camunda authorization, so a collector's
 * credentials open no task, case or webapp. An administrator adds the collector's user to it in
 * Camunda Admin.
 */
@Component
class MonitoringGroup implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(MonitoringGroup.class);

  private final IdentityService identityService;

  MonitoringGroup(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (identityService.createGroupQuery().groupId(DeskGroups.MONITORING).count() > 0) {
      return;
    }
    var group = identityService.newGroup(DeskGroups.MONITORING);
    group.setName("Monitoring");
    group.setType(Groups.GROUP_TYPE_SYSTEM);
    identityService.saveGroup(group);
    log.info("Created group {}", DeskGroups.MONITORING);
  }
}
