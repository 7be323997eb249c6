package dev.recoverydesk.mail.inbound;

import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;

/**
 * Plain JDBC, not the entity manager: Hibernate logs every refused insert at ERROR before the desk
 * can tell a lost race (two nodes storing one mail) from a fault, and an operator reads those lines
 * as lost mail. The unique key on {@code message_id} still decides.
 */
class FirstCopyImpl implements FirstCopy {

  private final SimpleJdbcInsert insert;

  FirstCopyImpl(DataSource dataSource) {
    this.insert =
        new SimpleJdbcInsert(dataSource)
            .withTableName("inbound_mail")
            .usingColumns(
                "message_id", "received_at", "sender", "subject", "status", "raw", "size_bytes")
            .usingGeneratedKeyColumns("id");
  }

  @Override
  public Optional<Long> insertFirstCopy(InboundMail mail) {
    try {
      var id =
          insert.executeAndReturnKey(
              new MapSqlParameterSource()
                  .addValue("message_id", mail.messageId())
                  .addValue("received_at", Timestamp.from(mail.receivedAt()))
                  .addValue("sender", mail.sender())
                  .addValue("subject", mail.subject())
                  .addValue("status", mail.status().name())
                  .addValue("raw", mail.raw())
                  .addValue("size_bytes", mail.sizeBytes()));
      return Optional.of(id.longValue());
    } catch (DuplicateKeyException lostRace) {
      return Optional.empty();
    }
  }
}
