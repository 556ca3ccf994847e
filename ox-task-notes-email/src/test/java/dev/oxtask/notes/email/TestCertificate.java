package dev.oxtask.notes.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 made with the JDK's keytool: a PKCS12 key store
 * for GreenMail and the certificate alone as PEM, the file a user would give to trust_certificate.
 */
record TestCertificate(Path keyStore, String storePassword, Path pem) {

  /** Creates the files in {@code dir}; the certificate names only the IP address 127.0.0.1. */
  static TestCertificate create(Path dir) throws IOException, InterruptedException {
    // A throw-away password for a throw-away key store in a temporary folder.
    String password = "greenmail-test-store";
    Path keyStore = dir.resolve("server.p12");
    Path pem = dir.resolve("server.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "smtp",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=ox-task test SMTP server",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "smtp",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        password,
        "-file",
        pem.toString());
    return new TestCertificate(keyStore, password, pem);
  }

  /** The certificate in a JKS trust store, the other kind of file trust_certificate takes. */
  Path jksTrustStore() throws IOException, InterruptedException {
    Path store = pem.resolveSibling("trust.jks");
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "smtp",
        "-file",
        pem.toString(),
        "-storetype",
        "JKS",
        "-keystore",
        store.toString(),
        "-storepass",
        storePassword);
    return store;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
  }
}
