package dev.recoverydesk.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class CaseIdTest {

  @Test
  void random_ids_have_the_contract_shape_and_avoid_look_alike_letters() {
    var seen = new HashSet<String>();
    for (int i = 0; i < 1000; i++) {
      var id = CaseId.random().value();
      assertThat(id).matches("RC-[0-9A-Z]{6}").doesNotContain("I", "L", "O", "U");
      seen.add(id);
    }
    assertThat(seen).hasSizeGreaterThan(990);
  }

  @Test
  void the_subject_tag_is_found_whatever_surrounds_it() {
    assertThat(CaseId.findTag("Re: Re: 返信 [RC-7K3M9Q] please")).contains(new CaseId("RC-7K3M9Q"));
    assertThat(CaseId.findTag("AW: [rc-7k3m9q]")).contains(new CaseId("RC-7K3M9Q"));
    assertThat(CaseId.findTag("RC-7K3M9Q without brackets")).isEmpty();
    assertThat(CaseId.findTag(null)).isEmpty();
  }

  @Test
  void malformed_ids_are_refused() {
    assertThatThrownBy(() -> new CaseId("RC-7K3M9")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CaseId("RC-7K3M9O")).isInstanceOf(IllegalArgumentException.class);
    assertThat(CaseId.parse("x")).isEmpty();
    assertThat(CaseId.parse(" rc-7k3m9q ")).contains(new CaseId("RC-7K3M9Q"));
  }
}
