package dev.recoverydesk.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.CaseLogging;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CaseLogFilterTest {

  private final CaseLogFilter filter = new CaseLogFilter();

  @Test
  void a_request_naming_a_case_in_its_path_or_query_is_handled_in_the_case() throws Exception {
    assertThat(caseDuring("/api/recovery-cases/RC-7K3M9Q", null)).isEqualTo("RC-7K3M9Q");
    assertThat(caseDuring("/engine-rest/process-instance", "businessKey=rc-7k3m9q&active=true"))
        .isEqualTo("RC-7K3M9Q");
    assertThat(MDC.get(CaseLogging.KEY)).isNull();
  }

  @Test
  void other_requests_name_no_case() throws Exception {
    assertThat(caseDuring("/api/recovery-requests", null)).isNull();
    // Not a case id: the alphabet has no I, L, O or U, and an id stands on its own.
    assertThat(caseDuring("/api/accounts/xRC-7K3M9QQ", "q=RC-7K3M9I")).isNull();
  }

  @Test
  void a_case_named_around_the_request_is_named_again_afterwards() throws Exception {
    try (var outer = CaseLogging.about(new dev.recoverydesk.common.CaseId("RC-AAAAAA"))) {
      assertThat(caseDuring("/api/recovery-cases/RC-7K3M9Q", null)).isEqualTo("RC-7K3M9Q");
      assertThat(MDC.get(CaseLogging.KEY)).isEqualTo("RC-AAAAAA");
    }
    assertThat(MDC.get(CaseLogging.KEY)).isNull();
  }

  private String caseDuring(String path, String query) throws Exception {
    var request = new MockHttpServletRequest("GET", path);
    request.setQueryString(query);
    List<String> seen = new ArrayList<>(Arrays.asList((String) null));
    filter.doFilter(
        request,
        new MockHttpServletResponse(),
        (req, res) -> seen.set(0, MDC.get(CaseLogging.KEY)));
    return seen.get(0);
  }
}
