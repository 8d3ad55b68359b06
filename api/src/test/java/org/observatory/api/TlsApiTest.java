package org.observatory.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.config.ApiConfig;
import org.observatory.api.config.SelfSignedCertificate;
import org.observatory.api.config.TlsFiles;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The server listens with TLS from PEM files (a self-signed certificate made by keytool here): an HTTPS client
 * that trusts the certificate gets its answers, the base address says https, and plain HTTP is not served.
 */
class TlsApiTest {
    @TempDir
    Path root;

    private ApiConfig config() {
        return ApiConfig.of(new DataDirectory(root.resolve("data")), Codelists.load());
    }

    @Test
    void servesHttpsFromAPemCertificateAndKey() throws Exception {
        for (String algorithm : List.of("RSA", "EC")) {
            SelfSignedCertificate certificate = SelfSignedCertificate.create(root, algorithm);
            ApiConfig tls = config().withTls(new TlsFiles(certificate.certificate(), certificate.privateKey()));
            try (ApiServer server = ApiServer.start(tls, "127.0.0.1", 0)) {
                assertThat(server.baseUri().toString()).isEqualTo("https://127.0.0.1:" + server.port() + "/");
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(certificate.trustStore());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                HttpClient client = HttpClient.newBuilder().sslContext(context).build();

                HttpResponse<String> health = client.send(
                        HttpRequest.newBuilder(server.baseUri().resolve("health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(algorithm).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"ok\"");
                assertThat(health.headers().firstValue("X-Content-Type-Options"))
                        .contains("nosniff");

                // plain HTTP on the TLS port is refused, never answered
                byte[] plain = RawHttp.bytes(
                        java.net.InetAddress.getLoopbackAddress(), server.port(), "GET", "/health", List.of());
                assertThat(new String(plain, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain("HTTP/1.1 200")
                        .doesNotContain("\"status\":\"ok\"");
            }
        }
    }

    @Test
    void refusesAKeyThatIsNotTheCertificatesBeforeOpeningAnything() throws Exception {
        Path one = Files.createDirectories(root.resolve("one"));
        Path other = Files.createDirectories(root.resolve("other"));
        SelfSignedCertificate first = SelfSignedCertificate.create(one, "RSA");
        SelfSignedCertificate second = SelfSignedCertificate.create(other, "RSA");
        ApiConfig mismatched = config().withTls(new TlsFiles(first.certificate(), second.privateKey()));

        assertThatThrownBy(() -> ApiServer.start(mismatched, "127.0.0.1", 0))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("The TLS key file " + second.privateKey() + " does not hold the key of the certificate "
                        + first.certificate() + "; give the key it was made for")
                .extracting(error -> ((ObservatoryException) error).errorCode())
                .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        // nothing was opened: the data directory's registry was never created
        assertThat(root.resolve("data/registry")).doesNotExist();
    }
}
