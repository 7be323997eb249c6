package dev.recoverydesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import java.util.ArrayList;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * Everything under {@code processes/} on the classpath is deployed: BPMN, DMN and Camunda Forms
 * (the last is not in Camunda's default pattern). This class path includes test-only models in
 * {@code processes/spine/}.
 */
class DeploymentTest extends IntegrationTest {

  @Test
  void bpmn_dmn_and_forms_under_processes_are_deployed() {
    var repository = processEngine.getRepositoryService();
    var names = new ArrayList<String>();
    repository
        .createDeploymentQuery()
        .list()
        .forEach(
            deployment -> names.addAll(repository.getDeploymentResourceNames(deployment.getId())));

    assertThat(names)
        .anySatisfy(name -> assertThat(name).endsWith("contact-check.bpmn"))
        .anySatisfy(name -> assertThat(name).endsWith("spine-check.dmn"))
        .anySatisfy(name -> assertThat(name).endsWith("spine-check.form"));
  }

  @Test
  void every_model_keeps_its_history_for_a_limited_time() {
    var repository = processEngine.getRepositoryService();
    assertThat(repository.createProcessDefinitionQuery().list())
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isPositive());
    assertThat(repository.createDecisionDefinitionQuery().list())
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isPositive());
  }

  @Test
  void a_deployed_decision_evaluates() {
    var result =
        processEngine
            .getDecisionService()
            .evaluateDecisionTableByKey("spine-check", Variables.putValue("language", "ja"));

    assertThat(result.getSingleEntry().toString()).isEqualTo("こんにちは");
  }
}
