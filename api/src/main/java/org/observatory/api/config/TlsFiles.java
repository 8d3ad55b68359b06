package org.observatory.api.config;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Message;

/**
 * The PEM files the server listens with TLS from ({@code serve --tls-certificate FILE --tls-key FILE}): the
 * certificate chain (the server's certificate first, then any intermediates) and its private key, unencrypted
 * PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, as {@code openssl pkcs8 -topk8 -nocrypt} writes it). {@link
 * #keyStore} reads them into an in-memory PKCS#12 key store with JDK classes only, and checks that the key belongs
 * to the certificate, so a mismatch stops the server at start rather than failing every handshake.
 */
public record TlsFiles(Path certificate, Path privateKey) {
    /** The alias of the one entry of {@link #keyStore}. */
    public static final String ALIAS = "observatory";

    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");

    public TlsFiles {
        requireNonNull(certificate, "certificate is null");
        requireNonNull(privateKey, "privateKey is null");
        certificate = certificate.toAbsolutePath().normalize();
        privateKey = privateKey.toAbsolutePath().normalize();
    }

    /**
     * A PKCS#12 key store holding the key and its certificate chain under {@link #ALIAS}, protected by the password.
     *
     * @throws ObservatoryException {@code CONFIGURATION_INVALID} naming the file and how to fix it
     */
    public KeyStore keyStore(char[] password) {
        requireNonNull(password, "password is null");
        List<Certificate> chain = certificates();
        PrivateKey key = key(chain.get(0).getPublicKey());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(
                            ConfigMessage.TLS_KEY_STORE_FAILED,
                            "key",
                            privateKey.toString(),
                            "certificate",
                            certificate.toString(),
                            "reason",
                            String.valueOf(e.getMessage())),
                    e);
        }
    }

    private List<Certificate> certificates() {
        byte[] bytes = read(certificate, "--tls-certificate");
        List<Certificate> chain;
        try {
            chain = new ArrayList<>(
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)));
        } catch (CertificateException e) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(
                            ConfigMessage.TLS_CERTIFICATE_NOT_PEM,
                            "file",
                            certificate.toString(),
                            "reason",
                            String.valueOf(e.getMessage())),
                    e);
        }
        if (chain.isEmpty()) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(ConfigMessage.TLS_CERTIFICATE_EMPTY, "file", certificate.toString()));
        }
        return chain;
    }

    private PrivateKey key(PublicKey publicKey) {
        String text = new String(read(privateKey, "--tls-key"), StandardCharsets.US_ASCII);
        Matcher pkcs8 = PRIVATE_KEY.matcher(text);
        if (!pkcs8.find()) {
            Matcher other = OTHER_KEY.matcher(text);
            Message found = other.find()
                    ? Message.of(ConfigMessage.TLS_KEY_BLOCK, "block", other.group(1))
                    : Message.of(ConfigMessage.TLS_KEY_NONE);
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(ConfigMessage.TLS_KEY_NOT_PKCS8, "file", privateKey.toString(), "found", found));
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pkcs8.group(1).strip());
        } catch (IllegalArgumentException e) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(ConfigMessage.TLS_KEY_NOT_BASE64, "file", privateKey.toString()),
                    e);
        }
        String algorithm = publicKey.getAlgorithm();
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(
                            ConfigMessage.TLS_KEY_WRONG_KIND,
                            "file",
                            privateKey.toString(),
                            "algorithm",
                            algorithm,
                            "reason",
                            String.valueOf(e.getMessage()),
                            "certificate",
                            certificate.toString()),
                    e);
        }
        if (!belongsTo(key, publicKey)) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(
                            ConfigMessage.TLS_KEY_NOT_OF_CERTIFICATE,
                            "file",
                            privateKey.toString(),
                            "certificate",
                            certificate.toString()));
        }
        return key;
    }

    /** Whether a signature by the private key verifies with the public key. */
    private static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
        String algorithm =
                switch (publicKey.getAlgorithm().toUpperCase(Locale.ROOT)) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    case "ED25519", "EDDSA" -> "Ed25519";
                    case "ED448" -> "Ed448";
                    case "DSA" -> "SHA256withDSA";
                    default -> null;
                };
        if (algorithm == null) {
            return true; // a kind of key this check does not know: the handshake will tell
        }
        try {
            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] read(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ObservatoryException(
                    ErrorCode.CONFIGURATION_INVALID,
                    Message.of(
                            ConfigMessage.FILE_UNREADABLE,
                            "file",
                            file.toString(),
                            "option",
                            option,
                            "reason",
                            e.toString()),
                    e);
        }
    }
}
