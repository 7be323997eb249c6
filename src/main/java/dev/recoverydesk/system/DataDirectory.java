package dev.recoverydesk.system;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code recovery.data-dir} into an absolute path before anything reads it: the H2 URL is
 * built from it, and H2 refuses implicit relative paths such as {@code data/recovery-desk}.
 */
public class DataDirectory implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY = "recovery.data-dir";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    var configured = environment.getProperty(PROPERTY, "./data");
    var absolute = Path.of(configured).toAbsolutePath().normalize().toString();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("recovery-data-dir", Map.of(PROPERTY, absolute)));
  }

  @Override
  public int getOrder() {
    // After the config files are read, before anything binds.
    return Ordered.LOWEST_PRECEDENCE - 10;
  }
}
