package dev.recoverydesk.account.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.account.Account;
import dev.recoverydesk.account.DeviceIds;
import java.time.LocalDate;

/** Reads an account in the JSON of {@code POST /api/accounts}, with the same checks. */
public final class AccountImport {

  private AccountImport() {}

  public static Account read(ObjectMapper json, JsonNode node, LocalDate today, DeviceIds deviceIds)
      throws JsonProcessingException {
    return json.treeToValue(node, AccountRequest.class).toAccount(today, deviceIds);
  }
}
