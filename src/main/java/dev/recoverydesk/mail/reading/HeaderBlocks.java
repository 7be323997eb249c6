package dev.recoverydesk.mail.reading;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header blocks that open a quoted mail ({@code From: / Sent: / To: / Subject:}), in the
 * world's languages and in any order: which field a line names, and how many lines make a block.
 * One of the kinds of line {@link QuoteHeaders} finds.
 */
final class HeaderBlocks {

  /** What a header line of a quoted mail says. */
  enum Field {
    FROM,
    SENT,
    TO,
    CC,
    SUBJECT
  }

  private static final Map<String, Field> FIELD_NAMES = new HashMap<>();

  static {
    names(
        Field.FROM,
        "from|差出人|送信者|送信元|von|de|da|van|fra|från|от|od|发件人|發件人|寄件者|寄件人|보낸 사람|보낸사람"
            + "|expéditeur|remitente|absender|afzender|avsändare|afsender|avsender|nadawca"
            + "|отправитель");
    names(
        Field.SENT,
        "sent|date|送信日時|日付|送信日|日時|gesendet|datum|envoyé|envoyé le|date d'envoi|enviado"
            + "|enviado el|enviada em|enviado em|enviada|data|fecha|inviato|inviato il|verzonden"
            + "|verzonden op|sendt|skickat|skickades|отправлено|дата|wysłano|wysłane"
            + "|data wysłania|发送时间|發送時間|发送日期|寄件日期|时间|日期|보낸 날짜|날짜|sent at");
    names(
        Field.TO,
        "to|宛先|送信先|an|à|a|para|aan|til|till|кому|do|收件人|收件者|받는 사람|받는사람|destinataire"
            + "|empfänger|mottagare|modtager|mottaker|odbiorca");
    names(Field.CC, "cc|bcc|kopie|kopia|kopi|копия|dw|抄送|副本|참조|cc先|cci");
    names(
        Field.SUBJECT,
        "subject|件名|betreff|objet|sujet|asunto|assunto|oggetto|onderwerp|emne|ämne|тема|temat|主题"
            + "|主旨|제목|titel|tárgy");
  }

  /** A header line: a field's name, its colon (bold or not, full-width or not), its value. */
  private static final Pattern FIELD_LINE =
      Pattern.compile(
          "[*\\s]{0,3}([\\p{L} ']{1,20}?)[*]{0,2}\\s?[:：][*]{0,2}(?:\\s.{0,998}|[^\\s].{0,997})?",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private HeaderBlocks() {}

  /**
   * A quoted mail's header block, as Outlook (desktop, web, Mac, mobile) and forwarding clients
   * write it: at least two fields, one of them its sender (or its date and two more), in any order;
   * a long {@code To:} may wrap once. Returns its lines, 0 when line {@code i} opens none.
   */
  static int at(QuoteHeaders.Lines lines, int i) {
    var first = field(lines.content(i));
    if (first == null) {
      return 0;
    }
    var seen = EnumSet.of(first);
    int end = i + 1;
    int j = i + 1;
    boolean wrappedOnce = false;
    // A header block is a handful of lines: no more are looked at.
    int limit = Math.min(lines.size(), i + 12);
    while (j < limit && !lines.quoted(j) && !lines.blank(j)) {
      var field = field(lines.content(j));
      if (field != null) {
        seen.add(field);
        end = j + 1;
        wrappedOnce = false;
      } else if (!wrappedOnce && j + 1 < limit && field(lines.content(j + 1)) != null) {
        // A wrapped value ("To: a <a@x>, b <b@x>," / "c <c@x>") between two fields.
        wrappedOnce = true;
      } else {
        break;
      }
      j++;
    }
    boolean block =
        seen.size() >= 2 && seen.contains(Field.FROM)
            || seen.size() >= 3 && seen.contains(Field.SENT);
    return block ? end - i : 0;
  }

  /** The field a header line names, or null. */
  static Field field(String content) {
    var line = content.strip();
    if (line.isEmpty() || line.length() > 1_000) {
      return null;
    }
    int colon = -1;
    for (int i = 0; i < Math.min(line.length(), 30) && colon < 0; i++) {
      if (line.charAt(i) == ':' || line.charAt(i) == '：') {
        colon = i;
      }
    }
    if (colon < 0) {
      return null;
    }
    Matcher matcher = FIELD_LINE.matcher(line);
    if (!matcher.matches()) {
      return null;
    }
    return FIELD_NAMES.get(matcher.group(1).strip().toLowerCase(Locale.ROOT));
  }

  private static void names(Field field, String names) {
    for (String name : names.split("\\|")) {
      FIELD_NAMES.put(name, field);
    }
  }
}
