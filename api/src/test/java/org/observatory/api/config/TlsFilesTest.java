package org.observatory.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ObservatoryException;

/** PEM files into an in-memory key store, and the messages for the files an operator gets wrong. */
class TlsFilesTest {
    @TempDir
    Path folder;

    @Test
    void readsAPemCertificateAndPkcs8KeyIntoAKeyStore() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(folder, "EC");
        KeyStore store = new TlsFiles(certificate.certificate(), certificate.privateKey()).keyStore("x".toCharArray());
        assertThat(store.isKeyEntry(TlsFiles.ALIAS)).isTrue();
        assertThat(store.getCertificate(TlsFiles.ALIAS)).isEqualTo(certificate.x509());
    }

    @Test
    void refusesAPkcs1KeySayingHowToConvertIt() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(folder, "RSA");
        Path pkcs1 = folder.resolve("pkcs1.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new TlsFiles(certificate.certificate(), pkcs1).keyStore("x".toCharArray()))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("The TLS key file " + pkcs1 + " holds a 'RSA PRIVATE KEY' block; give an unencrypted"
                        + " PKCS#8 key ('-----BEGIN PRIVATE KEY-----'), e.g. converted with: openssl pkcs8 -topk8"
                        + " -nocrypt -in KEY -out key.pem");
    }

    @Test
    void refusesACertificateFileWithoutACertificate() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(folder, "RSA");
        Path notACertificate = folder.resolve("empty.pem");
        Files.writeString(notACertificate, "", StandardCharsets.US_ASCII);
        Path missing = folder.resolve("missing.pem");

        assertThatThrownBy(() -> new TlsFiles(notACertificate, certificate.privateKey()).keyStore(new char[0]))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("The TLS certificate file " + notACertificate + " holds no certificate; give the server's"
                        + " certificate ('-----BEGIN CERTIFICATE-----'), followed by its intermediates");
        assertThatThrownBy(() -> new TlsFiles(missing, certificate.privateKey()).keyStore(new char[0]))
                .isInstanceOf(ObservatoryException.class)
                .hasMessageStartingWith("Cannot read the file " + missing + " given by --tls-certificate (")
                .hasMessageEndingWith("); give a readable PEM file");
    }
}
