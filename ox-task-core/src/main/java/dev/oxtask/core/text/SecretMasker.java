package dev.oxtask.core.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Replaces secret values with {@code ***} in everything ox-task prints or writes (spec section 6).
 * Values shorter than {@link #MIN_LENGTH} characters are not masked: masking {@code "e"} would turn
 * every {@code success} into {@code succ***ss} (GitHub Actions skips them too). Thread-safe:
 * secrets may be added while jobs run.
 */
public final class SecretMasker {

  /** What a secret is replaced by. */
  public static final String MASK = "***";

  /** The shortest value that is masked. */
  public static final int MIN_LENGTH = 4;

  private static final List<String> SECRET_KEY_PARTS =
      List.of("password", "passwd", "token", "secret", "webhook_url", "key", "authorization");

  private static final Comparator<String> LONGEST_FIRST = new LongestFirst();

  private final Set<String> secrets = new CopyOnWriteArraySet<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> tooShortListeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean sawTooShort = new AtomicBoolean();
  // Built by the first mask call after secrets were added (null until then), so adding many
  // secrets at once builds it once.
  private volatile SecretMatcher matcher = SecretMatcher.of(List.of());

  /** True when an option with this key holds a secret: its name contains password, token, ... */
  public static boolean isSecretKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    for (String part : SECRET_KEY_PARTS) {
      if (lower.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds a value to mask from now on; blank values are ignored, and values shorter than {@link
   * #MIN_LENGTH} are not masked (the first one is told to {@link #onTooShort} listeners).
   */
  public void add(String secret) {
    if (secret == null || secret.isBlank()) {
      return;
    }
    if (secret.length() < MIN_LENGTH) {
      if (sawTooShort.compareAndSet(false, true)) {
        tooShortListeners.forEach(Runnable::run);
      }
      return;
    }
    synchronized (secrets) {
      if (!secrets.add(secret)) {
        return;
      }
      matcher = null;
    }
    for (Consumer<String> listener : listeners) {
      listener.accept(secret);
    }
  }

  /**
   * Calls {@code warning} once, the first time a secret too short to mask is added; the value is
   * not passed on, so the warning cannot show it.
   */
  public void onTooShort(Runnable warning) {
    tooShortListeners.add(warning);
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
    for (String value : values) {
      add(value);
    }
  }

  /** The secrets registered so far, longest first. */
  public List<String> secrets() {
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort(LONGEST_FIRST);
    return List.copyOf(longestFirst);
  }

  /** {@code text} masked, when there is one. */
  public Optional<String> mask(Optional<String> text) {
    return text.isPresent() ? Optional.of(mask(text.get())) : text;
  }

  /** Each of {@code texts} masked, in order. */
  public List<String> maskAll(List<String> texts) {
    List<String> masked = new ArrayList<>(texts.size());
    for (String text : texts) {
      masked.add(mask(text));
    }
    return List.copyOf(masked);
  }

  /**
   * {@code text} with every secret replaced by {@code ***} in one pass, whatever their number;
   * overlapping secrets (one inside another) become one {@code ***}. Null stays null.
   */
  public String mask(String text) {
    SecretMatcher current = matcher;
    if (current == null) {
      synchronized (secrets) {
        if (matcher == null) {
          matcher = SecretMatcher.of(secrets);
        }
        current = matcher;
      }
    }
    return current.mask(text);
  }

  private static final class LongestFirst implements Comparator<String> {
    @Override
    public int compare(String a, String b) {
      return Integer.compare(b.length(), a.length());
    }
  }
}
