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
