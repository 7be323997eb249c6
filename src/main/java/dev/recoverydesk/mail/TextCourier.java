package dev.recoverydesk.mail;

/** Delivers the outbox's texts of one channel to their provider. Never logs the text. */
public interface TextCourier {

  String channel();

  /** Hands the text to the provider, or throws if it refused or could not be reached. */
  void deliver(String to, String text);
}
