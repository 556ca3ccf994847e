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
    masker.add("abcd");
    masker.add("abcdefgh");
    assertThat(masker.mask("x abcdefgh y abcd")).isEqualTo("x *** y ***");
  }

  @Test
  void longestSecretWinsWhenSecretsSharePrefixOrSuffix() {
    SecretMasker masker = new SecretMasker();
    masker.addAll(List.of("tokenA", "tokenABCD", "ABCD", "kenAB"));
    assertThat(masker.mask("[tokenABCD] [tokenA] [ABCD] [tokenAB]"))
        .isEqualTo("[***] [***] [***] [***]");
  }

  @Test
  void overlappingSecretsAreMaskedAsOneLeavingNoPartOfEither() {
    SecretMasker masker = new SecretMasker();
    masker.add("1234abcd");
    masker.add("abcd5678");
    assertThat(masker.mask("x 1234abcd5678 y")).isEqualTo("x *** y");
    assertThat(masker.mask("x 1234abcd1234abcd y")).isEqualTo("x ****** y");
  }

  @Test
  void masksSecretsInNonAsciiTextAndKeepsTheRest() {
    SecretMasker masker = new SecretMasker();
    masker.add("clé-secrète");
    assertThat(masker.mask("→ clé-secrète ✅")).isEqualTo("→ *** ✅");
    assertThat(masker.mask("unchanged \uD800 ✅")).isEqualTo("unchanged \uD800 ✅");
  }

  @Test
  void secretsShorterThanFourCharactersAreNotMaskedAndWarnedAboutOnce() {
    SecretMasker masker = new SecretMasker();
    List<String> warnings = new ArrayList<>();
    masker.onTooShort(() -> warnings.add("too short"));
    masker.add("e");
    masker.add("abc");
    masker.add("abcd");
    assertThat(masker.mask("success abc abcd")).isEqualTo("success abc ***");
    assertThat(masker.secrets()).containsExactly("abcd");
    assertThat(warnings).containsExactly("too short");
  }

  @Test
  void manySecretsAreAllMasked() {
    SecretMasker masker = new SecretMasker();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      masker.add("secret-" + i + "-value");
      text.append("secret-").append(i).append("-value ");
    }
    assertThat(masker.mask(text.toString())).isEqualTo("*** ".repeat(200));
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
