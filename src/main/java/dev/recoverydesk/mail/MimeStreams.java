package dev.recoverydesk.mail;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.stereotype.Component;

/**
 * Jakarta Mail 2.1 looks up its stream provider with a {@code ServiceLoader} each time it makes a
 * body part, a multipart or a block of headers: a walk over every jar on the class path, several
 * times for each mail sent, stored or read, and about a twentieth of the desk's CPU under load.
 * Naming the provider in its system property, which the API reads first, turns that walk into a
 * class lookup. A provider named on the command line is kept.
 *
 * <p>The API then loads the class through the thread's context class loader and does not fall back:
 * mail must be built and parsed on threads that see the application's classes, as every thread of
 * the desk does (Tomcat, the job executor, the mail lanes, GreenMail's). In a packaged jar the
 * JDK's common pool does not: no mail work goes to {@code parallelStream()} or to {@code
 * CompletableFuture}'s default executor.
 */
@Component
class MimeStreams {

  static final String PROPERTY = StreamProvider.class.getName();

  MimeStreams() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, MailStreamProvider.class.getName());
    }
  }
}
