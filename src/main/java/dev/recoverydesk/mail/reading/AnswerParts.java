package dev.recoverydesk.mail.reading;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The answers of a reply as they are read, line by line. */
final class AnswerParts {

  private final TreeMap<Integer, List<String>> lines = new TreeMap<>();
  private final List<String> paragraph = new ArrayList<>();
  private int current;
  private boolean started;
  private boolean blankSeen;

  void start(int number) {
    // A paragraph after a blank line belonged to the answer before: another question follows.
    if (current > 0) {
      lines.get(current).addAll(paragraph);
    }
    reset();
    if (lines.containsKey(number) && !lines.get(number).isEmpty()) {
      // Answered before (newer text comes first): that answer stands.
      current = -1;
      return;
    }
    current = number;
    lines.put(number, new ArrayList<>());
  }

  void add(String text) {
    if (current <= 0 || text.isBlank()) {
      return;
    }
    if (!started && SignOffs.closing(text)) {
      return;
    }
    if (started && blankSeen) {
      paragraph.add(text);
    } else {
      lines.get(current).add(text);
      started = true;
    }
  }

  void blank() {
    if (started) {
      blankSeen = true;
    }
  }

  boolean started() {
    return started;
  }

  /** The answer ends here; a paragraph after its blank line was the sender's remark. */
  void end() {
    reset();
    current = 0;
  }

  private void reset() {
    paragraph.clear();
    started = false;
    blankSeen = false;
  }

  SortedMap<Integer, String> result() {
    var result = new TreeMap<Integer, String>();
    lines.forEach(
        (number, texts) -> {
          var answer = withoutTrailingClosing(String.join("\n", texts).strip());
          if (!answer.isBlank() && !SignOffs.closing(answer)) {
            result.put(number, answer);
          }
        });
    return Collections.unmodifiableSortedMap(result);
  }

  private static String withoutTrailingClosing(String answer) {
    int lastLine = answer.lastIndexOf('\n') + 1;
    int closing = SignOffs.trailingClosing(answer.substring(lastLine));
    return closing < 0 ? answer : answer.substring(0, lastLine + closing).strip();
  }
}
