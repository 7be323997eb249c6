package dev.recoverydesk.twofactor.sms;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /dev/sms}: the texts the development SMS gateway kept, for the browser. Demo only. */
@Controller
@Profile("demo")
class DevSmsOutbox {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final JdbcTemplate jdbc;

  DevSmsOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Text(String sent, String to, String text) {}

  @GetMapping("/dev/sms")
  String texts(Model model) {
    model.addAttribute(
        "texts",
        jdbc.query(
            "select phone, body, sent_at from sms_outbox order by id desc fetch first 100 rows only",
            (row, n) ->
                new Text(
                    WHEN.format(row.getTimestamp("sent_at").toInstant()),
                    row.getString("phone"),
                    row.getString("body"))));
    return "dev/sms";
  }
}
