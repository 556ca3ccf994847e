package dev.oxtask.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskerTest {

  @Test
  void masksEveryOccurrenceOfEverySecret() {
    SecretMasker masker = new SecretMasker();
    masker.add("hunter2");
    masker.add("s3cr3t-token");
    assertThat(masker.mask("pw=hunter2 tok=s3cr3t-token again hunter2"))
        .isEqualTo("pw=*** tok=*** again ***");
  }

  @Test
  void masksTheLongerSecretWholeWhenOneContainsAnother() {
    SecretMasker masker = new SecretMasker();
    masker.add("abc");
    masker.add("abcdef");
    assertThat(masker.mask("x abcdef y abc")).isEqualTo("x *** y ***");
  }

  @Test
  void ignoresBlankSecrets() {
    SecretMasker masker = new SecretMasker();
    masker.add("");
    masker.add("  ");
    masker.add(null);
    assertThat(masker.secrets()).isEmpty();
    assertThat(masker.mask("a b")).isEqualTo("a b");
  }

  @Test
  void tellsListenersOfEachNewSecretOnce() {
    SecretMasker masker = new SecretMasker();
    List<String> heard = new ArrayList<>();
    masker.onNewSecret(heard::add);
    masker.add("hunter2");
    masker.add("hunter2");
    masker.add(" ");
    masker.add("other");
    assertThat(heard).containsExactly("hunter2", "other");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password",
        "app_passwd",
        "TOKEN",
        "client_secret",
        "webhook_url",
        "key",
        "Authorization"
      })
  void recognisesSecretOptionKeys(String key) {
    assertThat(SecretMasker.isSecretKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"path", "to", "host", "format", "title"})
  void otherKeysAreNotSecret(String key) {
    assertThat(SecretMasker.isSecretKey(key)).isFalse();
  }
}
