package dev.recoverydesk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoverydesk.IntegrationTest;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

/** The running desk names Jakarta Mail's stream provider, so no mail part walks the class path. */
class MimeStreamsTest extends IntegrationTest {

  @Test
  void the_stream_provider_is_named_not_looked_up() {
    assertThat(System.getProperty(MimeStreams.PROPERTY))
        .isEqualTo(MailStreamProvider.class.getName());
  }
}
