package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RemoteFileTest {

  private static final String RAW = RemoteFile.GITHUB_RAW_BASE;

  @Test
  void githubBlobUrlOnABranchIsFetchedFromRaw() {
    assertThat(RemoteFile.of("https://github.com/python/cpython/blob/main/README.rst", RAW))
        .map(RemoteFile::uri)
        .contains(URI.create("https://raw.githubusercontent.com/python/cpython/main/README.rst"));
  }

  @Test
  void githubBlobUrlAtACommitKeepsTheCommitAndNestedPath() {
    String url =
        "https://github.com/emin63/simple_example_tasks/blob/"
            + "a7715ccfba5b86ab09f42ae69d987a1260cba29c/src/alert_rain.py";

    assertThat(RemoteFile.of(url, RAW))
        .map(RemoteFile::uri)
        .contains(
            URI.create(
                "https://raw.githubusercontent.com/emin63/simple_example_tasks/"
                    + "a7715ccfba5b86ab09f42ae69d987a1260cba29c/src/alert_rain.py"));
  }

  @Test
  void githubRawPageUrlAndAnotherRawBaseWork() {
    assertThat(RemoteFile.of("https://github.com/o/r/raw/v1.2/a/b.py", "http://127.0.0.1:8080/"))
        .map(RemoteFile::uri)
        .contains(URI.create("http://127.0.0.1:8080/o/r/v1.2/a/b.py"));
  }

  @Test
  void otherHttpUrlsAreFetchedAsTheyAre() {
    String url = "https://example.org/scripts/tool.py?version=2";

    assertThat(RemoteFile.of(url, RAW)).map(RemoteFile::uri).contains(URI.create(url));
    assertThat(RemoteFile.of("https://github.com/o/r", RAW))
        .map(RemoteFile::uri)
        .contains(URI.create("https://github.com/o/r"));
  }

  @Test
  void nonHttpUrlsAreRefused() {
    assertThat(RemoteFile.of("ftp://example.org/a.py", RAW)).isEmpty();
    assertThat(RemoteFile.of("src/alert_rain.py", RAW)).isEmpty();
    assertThat(RemoteFile.of("https://exa mple.org/a.py", RAW)).isEmpty();
  }

  @Test
  void localNameIsTheLastPathSegment() {
    assertThat(RemoteFile.of("https://example.org/x/tool.py", RAW).orElseThrow().fileName("s.py"))
        .isEqualTo("tool.py");
    assertThat(RemoteFile.of("https://example.org/", RAW).orElseThrow().fileName("s.py"))
        .isEqualTo("s.py");
  }
}
