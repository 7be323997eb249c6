package dev.recoverydesk.mail.reading;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines that open a quoted mail, as the world's clients write them: attributions ("On … wrote:"
 * and its translations, date first or not, wrapped over up to three lines), header blocks ({@code
 * From: / Sent: / To: / Subject:} and their translations, in any order), and separators
 * ("-----Original Message-----" and its translations, Yahoo! Japan's "---- … さんからのメッセージ ----",
 * Zoho's "---- On … wrote ----", "Begin forwarded message:"). Header blocks are read by {@link
 * HeaderBlocks}.
 *
 * <p>Every pattern is anchored at both ends and bounded, and is only tried on lines of at most
 * {@link #MAX_LINE} characters: no line of a hostile mail makes one backtrack for long.
 *
 * <p>A little over 250 lines because most of it is the lists of patterns, the world's clients one
 * by one; its logic ({@link #spanAt}) is short, and splitting the lists would scatter one kind.
 */
final class QuoteHeaders {

  static final int MAX_LINE = 400;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  /** An address ahead (looked for once, so that no pattern tries every split around it). */
  private static final String AT = "(?=[^@]{1,300}@)";

  /** A date within the first 80 characters: 2016-10-24, 2013/7/20, 21.11.2026, 2026年11月. */
  private static final String DATE_AHEAD = "(?=.{0,80}?\\d{1,4}\\s?[-/.年]\\s?\\d{1,2})";

  /** {@code <address>}, each part read once. */
  private static final String ADDRESS = "<[^<>\\s@]{1,64}@[^<>\\s]{1,255}>";

  /** Attributions that open a quote wherever they stand. */
  private static final List<Pattern> ATTRIBUTIONS =
      patterns(
          // en: Gmail, Apple Mail, Thunderbird, K-9, Becky!, Proton, Yahoo ("On …, Name <…>
          // wrote:")
          "on\\s.{1,300}\\s(?:wrote|writes)\\s?:",
          AT + ".{1,600}\\s(?:wrote|writes)\\s?:",
          // de ("Am … schrieb Name <…>:", "Name <…> schrieb am …:")
          "am\\s.{1,300}\\sschrieb(?:\\s.{0,300})?:",
          ".{1,300}\\sschrieb\\sam\\s.{1,300}:",
          AT + ".{1,600}\\sschrieb\\s?:",
          // fr ("Le … a écrit :")
          "le\\s.{1,300}\\sa\\s[ée]crit\\s?:",
          AT + ".{1,600}\\sa\\s[ée]crit\\s?:",
          // es ("El … escribió:")
          "el\\s.{1,300}\\sescribi[óo]\\s?:",
          AT + ".{1,600}\\sescribi[óo]\\s?:",
          // pt ("Em … escreveu:", "No dia … escreveu:")
          "(?:em|no dia)\\s.{1,300}\\sescreveu\\s?:",
          AT + ".{1,600}\\sescreveu\\s?:",
          // it ("Il giorno … ha scritto:")
          "il\\s.{1,300}\\sha\\sscritto\\s?:",
          AT + ".{1,600}\\sha\\sscritto\\s?:",
          // nl ("Op … schreef Name <…>:")
          "op\\s.{1,300}\\sschreef(?:\\s.{0,300})?:",
          AT + ".{1,600}\\sschreef\\s?:",
          // sv, da, no ("Den … skrev Name <…>:", "På … skrev …:")
          "(?:den|på)\\s.{1,300}\\sskrev(?:\\s.{0,300})?:",
          AT + ".{1,600}\\sskrev(?:\\sföljande|\\sfølgende)?\\s?:",
          // ru, pl: a date or an address, then the verb
          "(?=.{0,600}[0-9@]).{1,600}\\sнаписал(?:а|\\(а\\))?\\s?:",
          "(?=.{0,600}[0-9@]).{1,600}\\snapisał(?:a|\\(a\\))?\\s?:",
          // zh ("在 2026年11月21日 10:00, Name <…> 写道:"), ko ("…, Name <…>님이 작성:")
          ".{1,300}(?:写道|寫道)\\s?[:：]",
          ".{1,300}님이\\s?작성\\s?[:：]",
          // ja: Thunderbird ("…さんは書きました:"), Apple Mail ("…のメール:"), Gmail ("2026年11月21日(土)
          // 10:00 Name <…>:")
          ".{1,300}(?:が|は)書きました\\s?[:：]",
          AT + ".{1,600}のメール\\s?[:：]",
          "\\d{4}年\\s?\\d{1,2}月\\s?\\d{1,2}日(?=[^@]{0,200}@).{0,400}[:：]",
          // date first, then Name <address>: ("2016-10-24 15:36 GMT+02:00 Name <…>:", "2013/7/20
          // Name <…>:", "сб, 21 нояб. 2026 г. в 10:00, Name <…>:")
          DATE_AHEAD + ".{1,400}" + ADDRESS + "\\s?[:：]",
          // a time, then Name <address>: (Gmail in most languages: "lør. 21. nov. 2026 kl. 10:00
          // skrev Name <…>:")
          "(?=.{0,200}?\\d{1,2}[:.]\\d{2}).{1,400}" + ADDRESS + "\\s?[:：]",
          AT + ".{1,400}\\sskrev\\s.{1,300}[:：]");

  /** Attributions that open a quote only when quoted lines follow them. */
  private static final List<Pattern> ATTRIBUTIONS_BEFORE_QUOTES =
      patterns(
          ".{1,200}\\s(?:wrote|writes|schrieb|a écrit|escribió|escreveu|ha scritto|schreef|skrev"
              + "|написал|написала|пишет|napisał|napisała|pisze)\\s?:",
          DATE_AHEAD + ".{1,400}" + ADDRESS,
          // Mutt: "* Name <address> [2026-11-21 10:00 +0900]:"
          "(?=.{0,400}\\d)(?=[^<]{0,300}" + ADDRESS + ").{1,600}[:：]");

  /** A line that starts an attribution wrapped over more lines ("On Sat, 21 Nov 2026 10:00"). */
  private static final Pattern ATTRIBUTION_START =
      Pattern.compile(
          "(?:on|am|le|el|em|no dia|il giorno|il|op|den|på|w dniu|dnia|в)\\s(?=.{0,150}\\d).{0,300}"
              + "|"
              + DATE_AHEAD
              + ".{0,300}|(?=.{0,200}<).{0,520}",
          FLAGS);

  /** A line that ends a sentence, not a date ("21. Nov.") or an address. */
  private static final Pattern SENTENCE_END = Pattern.compile(".*[!?。！？]|[^0-9@<]*\\.");

  private static final String MESSAGE_NAMES =
      "original message|original-nachricht|ursprüngliche nachricht|originalnachricht"
          + "|message d'origine|message original|mensaje original|mensagem original"
          + "|messaggio originale|oorspronkelijk bericht|origineel bericht|originalmeddelande"
          + "|ursprungligt meddelande|oprindelig meddelelse|original meddelelse|opprinnelig melding"
          + "|opprinnelig e-post|исходное сообщение|oryginalna wiadomość|wiadomość oryginalna"
          + "|原始邮件|原始郵件|原始信件|原邮件|元のメッセージ|オリジナル メッセージ|원본 메시지|원래 메시지"
          + "|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado"
          + "|mensagem encaminhada|messaggio inoltrato|doorgestuurd bericht|пересылаемое сообщение"
          + "|переадресованное сообщение|wiadomość przekazana|vidarebefordrat meddelande"
          + "|videresendt meddelelse|videresendt melding|转发邮件|转发的邮件|轉寄的郵件|転送メッセージ"
          + "|転送されたメッセージ|전달된 메시지|reply message|返信メッセージ";

  /** Separators that open a quoted or forwarded mail. */
  private static final List<Pattern> SEPARATORS =
      patterns(
          "[-=_–—―*\\s]{2,40}(?:" + MESSAGE_NAMES + ")[-=_–—―*\\s]{2,40}",
          // Yahoo! Japan ("---- Recovery Desk さんからのメッセージ ----")
          "-{2,10}\\s?.{1,100}(?:さん|様)からのメッセージ\\s?-{2,10}",
          // Zoho ("---- On Sat, 21 Nov 2026 … Name <…> wrote ----", "---- 2026/11/21 … 書き込み ----")
          "-{2,10}\\s?(?:on\\s.{1,300}\\swrote|.{1,300}(?:書き込み|が書きました|写道))\\s?:?\\s?-{2,10}",
          // Apple Mail, Gmail and Outlook forwarding a mail
          "(?:begin forwarded message|転送されたメッセージ|anfang der weitergeleiteten nachricht"
              + "|début du message réexpédié|inicio del mensaje reenviado"
              + "|início da mensagem reencaminhada|inizio messaggio inoltrato)\\s?[:：]");

  /** Outlook's rule between the reply and the quoted mail's header block. */
  private static final Pattern OUTLOOK_RULE = Pattern.compile("_{10,100}");

  private QuoteHeaders() {}

  /** What the reader knows of the lines around the one it looks at. */
  interface Lines {
    int size();

    /** The line's text without quote markers. */
    String content(int i);

    boolean quoted(int i);

    boolean blank(int i);
  }

  /**
   * How many lines, from line {@code i}, open a quoted mail (an attribution, a separator, a header
   * block); 0 when line {@code i} opens none. Line {@code i} is not quoted.
   */
  static int spanAt(Lines lines, int i) {
    var line = lines.content(i).strip();
    if (line.isEmpty() || line.length() > MAX_LINE) {
      return 0;
    }
    if (attribution(line) || separator(line)) {
      return 1;
    }
    int block = HeaderBlocks.at(lines, i);
    if (block > 0) {
      return block;
    }
    if (OUTLOOK_RULE.matcher(line).matches()) {
      int next = nextNonBlank(lines, i + 1);
      if (next < lines.size() && !lines.quoted(next)) {
        int following = HeaderBlocks.at(lines, next);
        if (following > 0) {
          return next - i + following;
        }
      }
      return 0;
    }
    int next = nextNonBlank(lines, i + 1);
    if (next < lines.size() && lines.quoted(next) && beforeQuotes(line)) {
      return 1;
    }
    return wrapped(lines, i, line);
  }

  /** An attribution wrapped over two or three lines: "On …, Name <" / "address> wrote:". */
  private static int wrapped(Lines lines, int i, String first) {
    if (!hasDigitOrBracket(first)
        || SENTENCE_END.matcher(first).matches()
        || !ATTRIBUTION_START.matcher(first).matches()) {
      return 0;
    }
    var joined = new StringBuilder(first);
    for (int k = 1; k < 3 && i + k < lines.size(); k++) {
      if (lines.quoted(i + k) || lines.blank(i + k)) {
        return 0;
      }
      var more = lines.content(i + k).strip();
      if (more.length() > MAX_LINE) {
        return 0;
      }
      // "<" + "address>" joins without a space, a wrapped sentence with one.
      if (!(joined.charAt(joined.length() - 1) == '<' || more.startsWith(">"))) {
        joined.append(' ');
      }
      joined.append(more);
      var text = joined.toString();
      if (attribution(text)) {
        return k + 1;
      }
      int after = nextNonBlank(lines, i + k + 1);
      if (after < lines.size() && lines.quoted(after) && beforeQuotes(text)) {
        return k + 1;
      }
    }
    return 0;
  }

  static boolean attribution(String line) {
    // Every attribution ends with its colon: most lines are passed over without a pattern.
    return endsWithColon(line) && any(ATTRIBUTIONS, line);
  }

  static boolean separator(String line) {
    return (endsWithColon(line) || "-=_–—―* ".indexOf(line.charAt(0)) >= 0)
        && any(SEPARATORS, line);
  }

  private static boolean beforeQuotes(String line) {
    return any(ATTRIBUTIONS_BEFORE_QUOTES, line);
  }

  private static boolean endsWithColon(String line) {
    var last = line.charAt(line.length() - 1);
    return last == ':' || last == '：';
  }

  private static boolean hasDigitOrBracket(String line) {
    for (int i = 0; i < line.length(); i++) {
      var c = line.charAt(i);
      if (c >= '0' && c <= '9' || c == '<') {
        return true;
      }
    }
    return false;
  }

  private static int nextNonBlank(Lines lines, int from) {
    int j = from;
    while (j < lines.size() && lines.blank(j)) {
      j++;
    }
    return j;
  }

  private static boolean any(List<Pattern> patterns, String line) {
    if (line.length() > 3 * MAX_LINE) {
      return false;
    }
    for (Pattern pattern : patterns) {
      if (pattern.matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<Pattern> patterns(String... regexes) {
    return java.util.Arrays.stream(regexes).map(r -> Pattern.compile(r, FLAGS)).toList();
  }
}
