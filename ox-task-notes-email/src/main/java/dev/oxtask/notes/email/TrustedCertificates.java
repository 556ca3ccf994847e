package dev.oxtask.notes.email;

import dev.oxtask.core.note.NoteException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code trust_certificate} option: TLS connections trust exactly the certificates of one file
 * (a private relay's self-signed certificate or a company CA) instead of the JDK's authorities.
 * Certificate chain and host-name checks stay on.
 */
final class TrustedCertificates {

  private TrustedCertificates() {}

  /** A socket factory trusting only the certificates in {@code file}: PEM, DER or a JKS store. */
  static SSLSocketFactory socketFactory(Path file) throws NoteException {
    try {
      KeyStore trusted = load(file);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (NoSuchFileException e) {
      throw new NoteException(
          "trust_certificate '"
              + file
              + "' does not exist: give the path of a PEM certificate file");
    } catch (IOException | GeneralSecurityException e) {
      throw new NoteException(
          "trust_certificate '"
              + file
              + "' holds no certificate that can be read ("
              + e.getMessage()
              + "): give a PEM certificate file (-----BEGIN CERTIFICATE-----) or a JKS trust store",
          e);
    }
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (CertificateException notACertificate) {
      return loadStore(file);
    }
    if (certificates.isEmpty()) {
      return loadStore(file);
    }
    int i = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("trusted-" + i++, certificate);
    }
    return store;
  }

  /** A JKS trust store: its certificates can be read without the store's password. */
  private static KeyStore loadStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("JKS");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, null);
    }
    return store;
  }
}
