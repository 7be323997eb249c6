package dev.recoverydesk.twofactor.backupcodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.twofactor.BackupCodePolicy;
import dev.recoverydesk.twofactor.BackupCodes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What users type for the code {@code AB12CD34EF56}, and what is not a code at all. */
class CodeNormaliserTest {

  static final BackupCodePolicy POLICY =
      new BackupCodePolicy(
          5,
          12,
          "0123456789ABCDEFGHJKMNPQRSTVWXYZ",
          true,
          5,
          Duration.ofMinutes(15),
          Duration.ofMinutes(15));

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "AB12CD34EF56",
        "ab12cd34ef56",
        "ab12 cd34 ef56",
        "AB12-CD34-EF56",
        "  ab12-cd34 ef56\n",
        "ＡＢ１２ＣＤ３４ＥＦ５６",
        "ａｂ１２　ｃｄ３４　ｅｆ５６",
        "ＡＢ１２－ＣＤ３４－ＥＦ５６",
        "AB12ーCD34ーEF56",
        "AB12–CD34—EF56",
        "AB12\tCD34\u00A0EF56",
        "Ab12_cD34_eF56"
      })
  void typed_variants_of_a_code_become_the_code(String typed) {
    assertThat(CodeNormaliser.normalise(typed, POLICY)).contains("AB12CD34EF56");
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({"O0OO11II22LL, 000011112211", "o0o0-i1i1-l1l1, 000011111111"})
  void letters_that_read_like_digits_are_taken_for_the_digits(String typed, String code) {
    assertThat(CodeNormaliser.normalise(typed, POLICY)).contains(code);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(
      strings = {
        "",
        "   ",
        "AB12CD34EF5",
        "AB12CD34EF567",
        "AB12CD34EF5U",
        "AB12CD34EF5!",
        "123456",
        "correct horse battery staple"
      })
  void what_cannot_be_a_code_is_typo_shaped(String typed) {
    assertThat(CodeNormaliser.normalise(typed, POLICY)).isEmpty();
  }

  @Test
  void nothing_typed_is_not_a_code() {
    assertThat(CodeNormaliser.normalise(null, POLICY)).isEmpty();
    assertThat(CodeNormaliser.normalise("A".repeat(10_000), POLICY)).isEmpty();
  }

  @Test
  void a_code_as_the_page_shows_it_in_groups_of_four_is_the_code() {
    assertThat(BackupCodes.grouped("7QK2M9XC4HTA")).isEqualTo("7QK2 M9XC 4HTA");
    assertThat(CodeNormaliser.normalise(BackupCodes.grouped("7QK2M9XC4HTA"), POLICY))
        .hasValue("7QK2M9XC4HTA");
  }
}
