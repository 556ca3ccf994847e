package dev.oxtask.core.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Replaces secret values with {@code ***} in everything ox-task prints or writes (spec section 6).
 * Thread-safe: secrets may be added while jobs run.
 */
public final class SecretMasker {

  /** What a secret is replaced by. */
  public static final String MASK = "***";

  private static final List<String> SECRET_KEY_PARTS =
      List.of("password", "passwd", "token", "secret", "webhook_url", "key", "authorization");

  private final Set<String> secrets = new CopyOnWriteArraySet<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  /** True when an option with this key holds a secret: its name contains password, token, ... */
  public static boolean isSecretKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_KEY_PARTS.stream().anyMatch(lower::contains);
  }

  /** Adds a value to mask from now on; blank values are ignored. */
  public void add(String secret) {
    if (secret != null && !secret.isBlank() && secrets.add(secret)) {
      listeners.forEach(listener -> listener.accept(secret));
    }
  }

  /**
   * Calls {@code listener} with each new secret, on the thread that adds it and before anything can
   * print it (GitHub Actions needs {@code ::add-mask::} first).
   */
  public void onNewSecret(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** Adds every value. */
  public void addAll(Collection<String> values) {
    values.forEach(this::add);
  }

  /** The secrets registered so far, longest first. */
  public List<String> secrets() {
    return secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** {@code text} with every secret replaced by {@code ***}; null stays null. */
  public String mask(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String masked = text;
    // Longest first, so a secret that contains another is masked whole.
    for (String secret : secrets()) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }
}
