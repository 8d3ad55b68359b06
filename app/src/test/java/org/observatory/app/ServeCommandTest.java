package org.observatory.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.text.Message;

/** {@code serve} with TLS from PEM files, and the options' usage errors, which stop it before it listens. */
class ServeCommandTest {
    @TempDir
    Path temporary;

    @Test
    void oneTlsFileWithoutTheOtherIsAUsageError() {
        CommandRun serve = CommandRun.of(
                "serve",
                "--tls-certificate",
                "server.pem",
                "--data",
                temporary.resolve("data").toString());
        CommandRun demo = CommandRun.of(
                "demo",
                "--tls-key",
                "key.pem",
                "--data",
                temporary.resolve("demo").toString());

        assertThat(serve.exit()).isEqualTo(2);
        assertThat(serve.err())
                .isEqualTo("error [INVALID_PARAMETER]: --tls-certificate is given without --tls-key; give both"
                        + " --tls-certificate FILE and --tls-key FILE to listen with TLS, or neither"
                        + System.lineSeparator());
        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.err()).startsWith("error [INVALID_PARAMETER]: --tls-key is given without --tls-certificate;");
        // the demo stopped before loading anything
        assertThat(temporary.resolve("demo")).doesNotExist();
    }

    @Test
    void aTrustedProxyMustBeAnAddress() {
        CommandRun serve = CommandRun.of(
                "serve",
                "--trusted-proxy",
                "proxy.example.org",
                "--data",
                temporary.resolve("data").toString());

        assertThat(serve.exit()).isEqualTo(1);
        assertThat(serve.err())
                .startsWith("error [CONFIGURATION_INVALID]: Trusted proxy 'proxy.example.org' is not an IP address or"
                        + " a CIDR range; give the address the reverse proxy connects from");
    }

    @Test
    void warnsWhenTokensWouldCrossTheNetworkInClear() {
        ServerOptions options = new ServerOptions();
        options.host = "0.0.0.0";
        assertThat(options.plainTextWarning().map(Message::english))
                .contains("Warning: listening on 0.0.0.0 without TLS; bearer tokens and uploads would cross the"
                        + " network in clear. Give --tls-certificate and --tls-key, or serve behind a reverse proxy"
                        + " with TLS and --trusted-proxy (docs/operations.md).");
        options.trustedProxies = List.of("10.0.0.2");
        assertThat(options.plainTextWarning()).isEmpty();
        options.trustedProxies = List.of();
        options.host = "127.0.0.1";
        assertThat(options.plainTextWarning()).isEmpty();
        options.host = "::1";
        assertThat(options.plainTextWarning()).isEmpty();
    }

    @Test
    void servesHttpsWithTheGivenCertificateAndKey() throws Exception {
        Path store = temporary.resolve("server.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        Path certificate = temporary.resolve("server.pem");
        Path key = temporary.resolve("key.pem");
        Files.writeString(
                certificate, pem("CERTIFICATE", keys.getCertificate("server").getEncoded()));
        Files.writeString(
                key,
                pem(
                        "PRIVATE KEY",
                        keys.getKey("server", "changeit".toCharArray()).getEncoded()));

        Process server = ServeProcess.command(
                        "256m",
                        "--port",
                        "0",
                        "--tls-certificate",
                        certificate.toString(),
                        "--tls-key",
                        key.toString(),
                        "--trusted-proxy",
                        "127.0.0.1",
                        "--data",
                        temporary.resolve("data").toString())
                .redirectErrorStream(true)
                .start();
        try {
            Optional<String> ready = ServeProcess.readyLine(server);
            assertThat(ready).as("the server's first lines").isPresent();
            assertThat(ready.get()).matches("Observatory API ready at https://127\\.0\\.0\\.1:\\d+/api/v1/countries");
            String base =
                    ready.get().substring("Observatory API ready at ".length()).replace("/api/v1/countries", "");

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("server", keys.getCertificate("server"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            HttpResponse<String> health = HttpClient.newBuilder()
                    .sslContext(context)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
                .as(output)
                .isTrue();
    }
}
