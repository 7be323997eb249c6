package dev.recoverydesk.mail.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoverydesk.mail.CutText;
import java.util.List;

/**
 * What the reader cut from a mail, kept beside its text as a JSON list of {@code {"kind", "text"}},
 * at most {@link #MAX_CHARS} characters: the parts that do not fit are left out, the last one kept
 * is shortened.
 */
final class CutTexts {

  static final int MAX_CHARS = 60_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<CutText>> LIST = new TypeReference<>() {};

  private CutTexts() {}

  static String json(List<CutText> parts) {
    var out = new StringBuilder("[");
    for (CutText part : parts) {
      var one = write(part);
      int room = MAX_CHARS - out.length() - 2;
      if (one.length() > room) {
        // Escapes may make JSON up to six times the text: shortened until it fits.
        var text = part.text();
        for (int length = Math.min(text.length(), room); length > 20; length /= 2) {
          one = write(new CutText(part.kind(), MailLimits.cut(text, length) + "…"));
          if (one.length() <= room) {
            append(out, one);
            break;
          }
        }
        break;
      }
      append(out, one);
    }
    return out.append(']').toString();
  }

  private static void append(StringBuilder out, String one) {
    if (out.length() > 1) {
      out.append(',');
    }
    out.append(one);
  }

  static List<CutText> parts(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.copyOf(JSON.readValue(json, LIST));
    } catch (JsonProcessingException unreadable) {
      return List.of();
    }
  }

  private static String write(CutText part) {
    try {
      return JSON.writeValueAsString(part);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
