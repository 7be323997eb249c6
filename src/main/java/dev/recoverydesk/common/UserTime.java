package dev.recoverydesk.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * A moment as a user reads it: in their own time zone, which is named beside it ({@code 2026-12-05
 * 21:30 JST}). The account's zone when it has one, else Japan time for Japanese and UTC otherwise.
 */
public final class UserTime {

  public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
  public static final ZoneId UTC = ZoneId.of("UTC");

  // English short zone names (JST, UTC, CET) read the same in a Japanese text.
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);

  private UserTime() {}

  /** The zone to show times in: the account's own, else the language's. */
  public static ZoneId zone(Language language, Optional<ZoneId> accountZone) {
    return accountZone.orElse(language == Language.JA ? JAPAN : UTC);
  }

  public static String format(Instant at, ZoneId zone) {
    return WHEN.format(at.atZone(zone));
  }
}
