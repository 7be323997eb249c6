package dev.recoverydesk.mail.reading;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The corpus of replies ({@code src/test/resources/mail/replies/}), found by itself: every {@code
 * .eml} there is a reply, with its answers ({@code .answers.json}) and text ({@code .text}) beside
 * it, and {@code index.yaml} says what each shows and which also run through the whole desk.
 */
public final class ReplyCorpus {

  static final String FOLDER = "mail/replies/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplyCorpus() {}

  /** What the index says of a mail; {@code endToEnd} mails also run through the whole desk. */
  record Entry(
      String client, String language, List<String> covers, String notes, boolean endToEnd) {}

  /** The name (without {@code .eml}) of every mail of the corpus, sorted. */
  static Stream<String> replies() throws IOException {
    Resource[] mails =
        new PathMatchingResourcePatternResolver().getResources("classpath:" + FOLDER + "*.eml");
    return Arrays.stream(mails)
        .map(Resource::getFilename)
        .map(file -> file.substring(0, file.length() - ".eml".length()))
        .sorted();
  }

  /** The mails the index marks {@code endToEnd: true}, in the index's order. */
  public static Stream<String> endToEnd() {
    return index().entrySet().stream()
        .filter(mail -> mail.getValue().endToEnd())
        .map(Map.Entry::getKey);
  }

  /** The index, by mail name, in its order. */
  static Map<String, Entry> index() {
    try (var in = new ClassPathResource(FOLDER + "index.yaml").getInputStream()) {
      return new ObjectMapper(new YAMLFactory())
          .readValue(in, new TypeReference<LinkedHashMap<String, Entry>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The answers the mail's sender wrote, by question number. */
  public static Map<Integer, String> answers(String name) {
    try {
      var byNumber =
          JSON.readValue(
              bytes(name + ".answers.json"), new TypeReference<TreeMap<String, String>>() {});
      var answers = new TreeMap<Integer, String>();
      byNumber.forEach((number, answer) -> answers.put(Integer.parseInt(number), answer));
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of the corpus, as its bytes. */
  public static byte[] bytes(String file) throws IOException {
    try (var in = new ClassPathResource(FOLDER + file).getInputStream()) {
      return in.readAllBytes();
    }
  }
}
