package dev.recoverydesk;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the modules honest: no cycles, nobody reaching into another module's internals. */
class ModularityTest {

  private final ApplicationModules modules = ApplicationModules.of(RecoveryDeskApplication.class);

  @Test
  void modules_respect_each_other() {
    modules.verify();
  }

  @Test
  void the_module_diagram_can_be_drawn() {
    new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
  }
}
