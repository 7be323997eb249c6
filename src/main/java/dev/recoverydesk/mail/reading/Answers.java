package dev.recoverydesk.mail.reading;

import dev.recoverydesk.mail.CutText;
import java.util.List;
import java.util.SortedMap;

/**
 * The third step of reading a reply: the questionnaire's answers. An answer starts after its number
 * or its question (typed, pasted, or quoted above it) and goes on over the next lines; it ends at
 * the next question, the end of the questions, a closing, a signature, a footer or a quote header.
 * A paragraph after a blank line is part of it only when another question follows: the last one's
 * is the sender's remark ({@link AnswerParts}). The first answer to a question wins, since the
 * newest text comes first.
 */
final class Answers {

  private Answers() {}

  /** The answers the sender's lines hold, by question number. */
  static SortedMap<Integer, String> read(List<ReplyLine> lines) {
    var answers = new AnswerParts();
    String missing = null;
    for (ReplyLine line : lines) {
      var content = line.content.strip();
      if (!line.own) {
        if (line.cut != CutText.Kind.QUOTE || line.kind == LineKind.QUOTE_HEADER) {
          answers.end();
          missing = null;
          continue;
        }
        if (line.blank) {
          answers.blank();
          continue;
        }
        if (QuestionnaireLines.end(content)) {
          answers.end();
          continue;
        }
        var numbered = QuestionnaireLines.numbered(content);
        var asking = QuestionnaireLines.asking(numbered == null ? content : numbered.rest());
        if (asking != null) {
          answers.start(asking.number());
          missing = asking.complete() ? null : asking.missing();
          continue;
        }
        if (missing != null && QuestionnaireLines.continues(content, missing)) {
          missing = shorter(missing, content);
          continue;
        }
        missing = null;
        if (numbered != null || answers.started()) {
          // A quoted answer of an earlier reply, or the quoted mail going on after an answer.
          answers.end();
        }
        continue;
      }
      if (line.kind == LineKind.SIGN_OFF) {
        answers.end();
        missing = null;
        continue;
      }
      if (line.blank || line.paragraph) {
        answers.blank();
        if (line.blank) {
          continue;
        }
      }
      if (QuestionnaireLines.end(content) || line.rule()) {
        // A rule separates what the sender wrote: no answer goes on over it.
        answers.end();
        missing = null;
        continue;
      }
      var numbered = QuestionnaireLines.numbered(content);
      if (numbered != null) {
        var rest = QuestionnaireLines.withoutLabel(numbered.rest());
        var asking = QuestionnaireLines.asking(rest);
        missing = null;
        if (asking != null && asking.number() == numbered.number()) {
          missing = asking.complete() ? null : asking.missing();
          rest = asking.complete() ? QuestionnaireLines.afterQuestion(rest, asking) : "";
        }
        answers.start(numbered.number());
        answers.add(QuestionnaireLines.withoutLabel(rest));
        continue;
      }
      var asking = QuestionnaireLines.asking(content);
      if (asking != null && QuestionnaireLines.separated(content, asking)) {
        answers.start(asking.number());
        missing = asking.complete() ? null : asking.missing();
        answers.add(
            QuestionnaireLines.withoutLabel(QuestionnaireLines.afterQuestion(content, asking)));
        continue;
      }
      if (missing != null && QuestionnaireLines.continues(content, missing)) {
        missing = shorter(missing, content);
        continue;
      }
      missing = null;
      answers.add(QuestionnaireLines.withoutLabel(content));
    }
    answers.end();
    return answers.result();
  }

  private static String shorter(String missing, String content) {
    var rest = missing.substring(QuestionnaireLines.loose(content).length());
    return rest.isEmpty() ? null : rest;
  }
}
