package dev.oxtask.notes.webhook;

import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The URL options of these notes: checked without ever showing them, as they may be secrets. */
final class WebAddress {

  /** A value that is nothing but a variable, e.g. {@code $DISCORD_WEBHOOK_URL}: safe to name. */
  private static final Pattern LONE_VARIABLE =
      Pattern.compile("\\$(\\{[A-Za-z_][A-Za-z0-9_]*}|[A-Za-z_][A-Za-z0-9_]*)");

  private WebAddress() {}

  /** The URL when it is an absolute http(s) URL with a host. */
  static Optional<URI> parse(String url) {
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = scheme.equals("https") || scheme.equals("http");
      return web && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      // Its message quotes the URL, maybe a secret: the caller says what is wrong without it.
      return Optional.empty();
    }
  }

  /**
   * Adds a problem when {@code key} is a literal value that is not an http(s) URL; a value with a
   * variable is checked when the note is sent.
   *
   * @param example what a right value looks like, e.g. {@code "$DISCORD_WEBHOOK_URL"}
   */
  static void check(NoteOptions options, String key, String example, NoteOptions.Check check) {
    options
        .string(key)
        .filter(url -> !url.isBlank() && !url.contains("$") && parse(url).isEmpty())
        .ifPresent(url -> check.add(key, "must be an http(s) URL, e.g. " + example));
  }

  /** The option's URL after substitution, or why it is not one, without showing it. */
  static URI require(NoteOptions options, String key) throws NoteException {
    return require(key, options.string(key, ""));
  }

  /** {@code url}, the value of option {@code key}, as a URI, or why it is not one, without it. */
  static URI require(String key, String url) throws NoteException {
    Optional<URI> uri = parse(url);
    if (uri.isPresent()) {
      return uri.get();
    }
    if (url.isBlank()) {
      throw new NoteException(
          key
              + " is empty after substitution — is the variable it names set in the job's environment?");
    }
    Matcher variable = LONE_VARIABLE.matcher(url.strip());
    if (variable.matches()) {
      // Named without its $: the engine may mask the option's whole value, not secret here.
      String name = variable.group(1).replace("{", "").replace("}", "");
      return fail(
          key
              + " is not an http(s) URL after substitution — is the variable "
              + name
              + " set in the job's environment?");
    }
    return fail(
        key
            + " is not an http(s) URL after substitution — is the variable it names set to the service's URL?");
  }

  private static URI fail(String message) throws NoteException {
    throw new NoteException(message);
  }
}
