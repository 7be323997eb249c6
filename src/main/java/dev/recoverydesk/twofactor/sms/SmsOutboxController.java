package dev.recoverydesk.twofactor.sms;

import dev.recoverydesk.common.PhoneNumber;
import dev.recoverydesk.system.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The development SMS outbox, read as a phone: not present in production. */
@RestController
@Profile("!production")
class SmsOutboxController {

  private final JdbcTemplate jdbc;

  SmsOutboxController(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Sms(String to, String text, Instant sentAt) {}

  @GetMapping("/api/sms-outbox/{phone}")
  @PreAuthorize("hasRole('camunda-admin')")
  List<Sms> messages(@PathVariable String phone) {
    var number =
        PhoneNumber.parse(phone)
            .orElseThrow(() -> new InvalidRequestException("phone", "must be a phone number"));
    return jdbc.query(
        "select phone, body, sent_at from sms_outbox where phone = ? order by id desc"
            + " fetch first 50 rows only",
        (row, n) ->
            new Sms(
                row.getString("phone"),
                row.getString("body"),
                row.getTimestamp("sent_at").toInstant()),
        number.e164());
  }
}
