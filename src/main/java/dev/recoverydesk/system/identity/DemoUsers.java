package dev.recoverydesk.system.identity;

import dev.recoverydesk.system.DeskGroups;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo users of the contract ({@code agent}, {@code supervisor}, {@code admin}, each with their
 * name as password). Only in the {@code demo} profile, which is on unless another profile is
 * chosen: production never has them.
 */
@Component
@Profile("demo")
class DemoUsers implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  private record DemoUser(String id, String firstName, String lastName, List<String> groups) {}

  private static final List<DemoUser> USERS =
      List.of(
          new DemoUser("agent", "Aiko", "Agent", List.of(DeskGroups.SUPPORT_AGENTS)),
          new DemoUser(
              "supervisor",
              "Sam",
              "Supervisor",
              List.of(DeskGroups.SUPPORT_AGENTS, DeskGroups.SUPPORT_SUPERVISORS)),
          new DemoUser("admin", "Ada", "Admin", List.of(DeskGroups.ADMINS)));

  private final IdentityService identityService;
  private final SupportDeskIdentity deskIdentity;

  DemoUsers(IdentityService identityService, SupportDeskIdentity deskIdentity) {
    this.identityService = identityService;
    this.deskIdentity = deskIdentity;
  }

  @Override
  public void afterSingletonsInstantiated() {
    deskIdentity.ensure(); // the groups must exist before anyone joins them
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
        var user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.id() + "@recovery.local");
        user.setPassword(demo.id());
        identityService.saveUser(user);
        log.info("Created demo user {}", demo.id());
      }
      for (String group : demo.groups()) {
        if (identityService.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
          identityService.createMembership(demo.id(), group);
        }
      }
    }
  }
}
