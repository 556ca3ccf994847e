package dev.oxtask.cli;

import dev.oxtask.core.note.DurationText;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file fetched over HTTP(S) for {@code github-file} and {@code pyscript}: a GitHub page URL
 * ({@code github.com/<owner>/<repo>/blob/<ref>/<path>}) is fetched from its raw form, any other
 * http(s) URL as it is.
 *
 * @param uri what is actually fetched
 */
record RemoteFile(URI uri) {

  /**
   * Where raw GitHub files are served; {@value #RAW_BASE_VARIABLE} replaces it (tests, mirrors).
   */
  static final String GITHUB_RAW_BASE = "https://raw.githubusercontent.com";

  static final String RAW_BASE_VARIABLE = "OX_TASK_GITHUB_RAW_BASE";

  private static final Pattern GITHUB_PAGE =
      Pattern.compile("https?://(?:www\\.)?github\\.com/([^/]+)/([^/]+)/(?:blob|raw)/(.+)");

  /** Why a fetch failed, said for the user. */
  static final class FetchException extends Exception {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
      super(message);
    }
  }

  /**
   * The file {@code url} names, with GitHub page URLs turned into raw ones under {@code rawBase};
   * empty when {@code url} is not an absolute http(s) URL.
   */
  static Optional<RemoteFile> of(String url, String rawBase) {
    Matcher page = GITHUB_PAGE.matcher(url);
    String fetched =
        page.matches()
            ? stripSlash(rawBase) + "/" + page.group(1) + "/" + page.group(2) + "/" + page.group(3)
            : url;
    try {
      URI uri = new URI(fetched);
      boolean http =
          "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
      return http && uri.getHost() != null ? Optional.of(new RemoteFile(uri)) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String stripSlash(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The last segment of the URL's path, for naming a local copy; {@code fallback} if none. */
  String fileName(String fallback) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.isEmpty() || last.equals("..") || last.equals(".") ? fallback : last;
  }

  /**
   * Fetches the file into {@code target} (parent folders created); nothing is written unless the
   * server answered 200 with the whole body.
   */
  void downloadTo(Path target, Duration timeout) throws FetchException {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    Path absolute = target.toAbsolutePath();
    Path partial;
    try {
      Files.createDirectories(absolute.getParent());
      partial = Files.createTempFile(absolute.getParent(), ".ox_task-download-", ".part");
    } catch (IOException e) {
      throw new FetchException("cannot write " + target + ": " + e.getMessage());
    }
    try {
      HttpResponse<Path> response =
          client.send(
              request,
              HttpResponse.BodyHandlers.ofFile(
                  partial,
                  java.nio.file.StandardOpenOption.WRITE,
                  java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
      if (response.statusCode() != 200) {
        throw new FetchException(
            "GET " + uri + " answered HTTP " + response.statusCode() + "; " + hintFor(response));
      }
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
    } catch (HttpTimeoutException e) {
      throw new FetchException(
          "GET "
              + uri
              + " got no answer within "
              + DurationText.of(timeout)
              + " (raise --timeout)");
    } catch (IOException e) {
      throw new FetchException("GET " + uri + " failed: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("GET " + uri + " was interrupted");
    } finally {
      deleteQuietly(partial);
    }
  }

  private String hintFor(HttpResponse<?> response) {
    if (response.statusCode() == 404 && uri.toString().startsWith(GITHUB_RAW_BASE)) {
      return "check the owner, repository, branch and path (private repositories are not"
          + " supported)";
    }
    return "check the URL";
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static void deleteQuietly(Path partial) {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      // Only a leftover temporary file beside the target; the outcome is already decided.
      partial.toFile().deleteOnExit();
    }
  }
}
