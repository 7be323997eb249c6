package dev.recoverydesk.system;

/** A setting that keeps the desk from starting; names the property and what to do about it. */
public class InvalidConfigurationException extends RuntimeException {

  private final String property;
  private final String action;

  public InvalidConfigurationException(String property, String problem, String action) {
    super("Property '" + property + "' " + problem);
    this.property = property;
    this.action = action;
  }

  public String property() {
    return property;
  }

  public String action() {
    return action;
  }
}
