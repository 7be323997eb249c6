package dev.recoverydesk.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserTimeTest {

  private static final Instant AT = Instant.parse("2026-12-05T12:30:00Z");

  @Test
  void japanese_reads_japan_time_and_english_utc_each_with_its_zone() {
    assertThat(UserTime.format(AT, UserTime.zone(Language.JA, Optional.empty())))
        .isEqualTo("2026-12-05 21:30 JST");
    assertThat(UserTime.format(AT, UserTime.zone(Language.EN, Optional.empty())))
        .isEqualTo("2026-12-05 12:30 UTC");
  }

  @Test
  void the_accounts_own_zone_wins_over_its_language() {
    var berlin = Optional.of(ZoneId.of("Europe/Berlin"));
    assertThat(UserTime.format(AT, UserTime.zone(Language.JA, berlin)))
        .isEqualTo("2026-12-05 13:30 CET");
    var tokyo = Optional.of(UserTime.JAPAN);
    assertThat(UserTime.format(AT, UserTime.zone(Language.EN, tokyo)))
        .isEqualTo("2026-12-05 21:30 JST");
  }
}
