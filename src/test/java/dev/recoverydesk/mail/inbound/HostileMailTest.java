package dev.recoverydesk.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.common.CaseId;
import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.mail.reading.ReplyReader;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail written to cost the desk work: every step that reads a mail (redacting it for storage,
 * measuring its depth, looking for a bounce or a machine, finding the case tag, reading its text
 * line by line, its answers and what it cuts) on a mail of 10 MB on one line, on lines shaped
 * against each pattern, and on nesting without end, finishes well within a second. One second is a
 * generous bound: these steps take a small part of it once the classes they use are loaded, as they
 * are in a running desk (a small mail of each kind is read first).
 */
class HostileMailTest {

  private static final EmailAddress SUPPORT = new EmailAddress("support@recovery.local");
  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final int TEN_MB = 10 * 1024 * 1024;

  @BeforeAll
  static void theDeskHasReadMailBefore() throws Exception {
    // Loading the classes is not what is measured: a running desk has them loaded.
    read(mail("text/plain; charset=UTF-8", "8bit", "1. a\n> quoted\n-- \nsig"));
    read(
        mail(
            "text/html; charset=UTF-8",
            "base64",
            Base64.getMimeEncoder().encodeToString("<p>hi</p>".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void a_10_mb_plain_text_body_on_one_line() throws Exception {
    var body =
        "1. alice@example.com see http://x/recovery/codes/Secret1 "
            + "a".repeat(TEN_MB - 100)
            + " wrote:";

    var read = readInTime(mail("text/plain; charset=UTF-8", "8bit", body));

    assertThat(read).startsWith("1. alice@example.com see http://x/recovery/codes/[redacted] aaa");
    assertThat(read.length()).isLessThanOrEqualTo(MailLimits.MAX_TEXT_CHARS);
  }

  @Test
  void a_10_mb_html_body_on_one_line_in_base64() throws Exception {
    var html =
        "<html><body><p>It is me.</p><div>"
            + "<b>x</b> ".repeat(TEN_MB / 9)
            + "</div></body></html>";
    var base64 = Base64.getMimeEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));

    var read = readInTime(mail("text/html; charset=UTF-8", "base64", base64));

    assertThat(read).startsWith("It is me.\nx x x");
    assertThat(read.length()).isLessThanOrEqualTo(MailLimits.MAX_TEXT_CHARS);
  }

  @Test
  void lines_shaped_to_make_the_quote_patterns_backtrack() throws Exception {
    // Each line looks like the start of a quote header, then runs on with white space and does
    // not end like one: a pattern that tried every split of it would never finish.
    var shapes =
        List.of(
            "2026年11月21日" + ":".repeat(240) + " ".repeat(5_000) + "x",
            "On " + "x wrote:".repeat(60) + " ".repeat(5_000) + "x",
            "Am " + "schrieb ".repeat(40) + ":".repeat(200) + " ".repeat(5_000) + "x",
            "-- " + "-".repeat(5_000) + " ".repeat(5_000) + "x",
            "From: " + " ".repeat(10_000) + "\nSent" + " ".repeat(10_000) + "x",
            " ".repeat(10_000) + "> " + "1. ".repeat(3_000) + "x",
            "1." + " ".repeat(10_000) + "(" + "1 ".repeat(3_000) + "x",
            "Q1" + "．".repeat(5_000) + "x",
            "username: " + "@".repeat(5_000) + "a".repeat(5_000),
            // the reply reader's matchers, on lines just short enough for them to be tried
            "On " + "x@ ".repeat(130) + "wrote",
            "On Sat, 21 Nov 2026 10:00, " + "a <".repeat(120) + "\n" + "b> ".repeat(120),
            "2026/11/21 " + "<a@b ".repeat(70) + "x",
            "Am " + "1 schrieb ".repeat(35) + "\n" + "Le " + "1 a écrit ".repeat(35),
            "x. " + "On 1 ".repeat(100) + "wrote:",
            "From: a\n".repeat(2_000) + "Sent: b",
            "From: a\nTo: b\n".repeat(1_000),
            "━".repeat(150) + "\n" + "Alice\n".repeat(30) + "━━ " + "a".repeat(30) + " ━━",
            "━━━━\n".repeat(3_000),
            "Thanks, " + "Aa ".repeat(35),
            "よろしく".repeat(25) + "お願いします" + "。".repeat(50),
            "Sent from my " + "a ".repeat(55),
            "1. The email address registered on your account (or one you used"
                + "\nrecently)".repeat(50),
            "> 1. The email address registered on your account\nalice\n\nmore".repeat(500),
            "a<mailto:" + "b".repeat(100) + "<mailto:".repeat(1_000),
            "[cid:" + "[cid:x".repeat(2_000),
            "TEL: 0\nMail: a\n".repeat(2_000),
            "iPhone 15 " + " .".repeat(150) + "以上です");
    for (var shape : shapes) {
      var body = new StringBuilder();
      while (body.length() < TEN_MB) {
        body.append(shape).append('\n');
      }
      readInTime(mail("text/plain; charset=UTF-8", "8bit", body.toString()));
    }
  }

  @Test
  void a_subject_and_references_of_megabytes() throws Exception {
    var raw =
        ("From: alice@example.com\r\nTo: support@recovery.local\r\nSubject: "
                + "Re: ".repeat(500_000)
                + "[RC-7K3M9Q]\r\nReferences: "
                + "<a".repeat(1_000_000)
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhi\r\n")
            .getBytes(StandardCharsets.UTF_8);

    readInTime(raw);
  }

  @Test
  void html_nested_fifty_thousand_elements_deep() throws Exception {
    var html = "<div>".repeat(50_000) + "It is me." + "</div>".repeat(50_000);

    var read = readInTime(mail("text/html; charset=UTF-8", "8bit", html));

    assertThat(read).isEqualTo("It is me.");
  }

  @Test
  void mime_nested_deeper_than_the_limit_is_noticed_without_walking_it() throws Exception {
    assertThat(MailLimits.tooDeep(parse(RedactionTest.nested(MailLimits.MAX_DEPTH, "hi"))))
        .isFalse();
    assertThat(MailLimits.tooDeep(parse(RedactionTest.nested(MailLimits.MAX_DEPTH + 1, "hi"))))
        .isTrue();

    // Ten levels of a mail of 10 MB are scanned for their boundaries, nothing below them; counted
    // in CPU time, as readInTime counts, and without building the mail.
    var deep = RedactionTest.nested(150_000, "hi");
    var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    var started = cpu.getCurrentThreadCpuTime();
    assertThat(MailLimits.tooDeep(parse(deep))).isTrue();
    assertThat(Duration.ofNanos(cpu.getCurrentThreadCpuTime() - started))
        .isLessThan(BOUND.multipliedBy(3));
  }

  @Test
  void forwarded_mail_counts_as_a_level_too() throws Exception {
    var mail = new StringBuilder("From: a@example.com\r\nSubject: fwd\r\n");
    for (int level = 0; level < MailLimits.MAX_DEPTH + 1; level++) {
      mail.append("Content-Type: message/rfc822\r\n\r\nFrom: b@example.com\r\nSubject: fwd\r\n");
    }
    mail.append("Content-Type: text/plain\r\n\r\nhi\r\n");

    assertThat(MailLimits.tooDeep(parse(mail.toString().getBytes(StandardCharsets.UTF_8))))
        .isTrue();
  }

  /**
   * Every reading step the inbox runs on a mail, as it runs them; within the bound. Counted in the
   * reading thread's CPU time: the work the mail costs, not how long a busy machine made it wait.
   * Up to three readings, the first under the bound counting: on a loaded machine the compiler
   * threads may not yet have compiled the hot loops for the first, while a mail that really costs
   * too much (a pattern that backtracks, nesting without end) costs it every time.
   */
  private static String readInTime(byte[] raw) throws Exception {
    var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    Duration least = null;
    String fullText = null;
    for (int reading = 0;
        reading < 3 && (least == null || least.compareTo(BOUND) >= 0);
        reading++) {
      var started = cpu.getCurrentThreadCpuTime();
      fullText = read(raw);
      var took = Duration.ofNanos(cpu.getCurrentThreadCpuTime() - started);
      least = least == null || took.compareTo(least) < 0 ? took : least;
    }
    assertThat(least).as("reading a mail of %d bytes (CPU time)", raw.length).isLessThan(BOUND);
    return fullText;
  }

  private static String read(byte[] raw) throws Exception {
    var stored = Redaction.raw(raw);
    var message = parse(stored);
    MailLimits.tooDeep(message);
    Bounces.detect(message, List.of(SUPPORT), SUPPORT);
    MachineMail.reason(message, SUPPORT, new EmailAddress("alice@example.com"));
    CaseId.findTag(MailLimits.cut(message.getSubject(), 998));
    var reading = ReplyReader.read(message, Redaction::oneTimeLinks);
    CutTexts.json(reading.cut());
    return reading.fullText();
  }

  private static byte[] mail(String type, String encoding, String body) {
    return ("From: alice@example.com\r\nTo: support@recovery.local\r\nSubject: big\r\n"
            + "Message-ID: <big@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: "
            + type
            + "\r\nContent-Transfer-Encoding: "
            + encoding
            + "\r\n\r\n"
            + body
            + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static MimeMessage parse(byte[] raw) throws Exception {
    return Inbox.parse(raw);
  }
}
