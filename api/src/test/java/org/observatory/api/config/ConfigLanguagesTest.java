package org.observatory.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.api.ApiServer;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.storage.DataDirectory;
import org.observatory.schemas.text.Messages;

/**
 * What an operator reads when the server cannot start with its configuration, in the language of {@code --lang}:
 * the same error code and message code in every language, the whole sentence (and the words put in it) translated.
 */
class ConfigLanguagesTest {
    private static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");
    private static final Locale FRENCH = Locale.forLanguageTag("fr-CA");

    @TempDir
    Path root;

    @Test
    void theConfigMessagesHaveEveryTextInFourLanguages() {
        assertThat(Messages.problems(ConfigMessage.class)).isEmpty();
    }

    @Test
    void aBadSettingsFileIsExplainedInPortugueseAndFrench() throws Exception {
        Files.createDirectories(root.resolve("config"));
        Path file = root.resolve(DeploymentSettings.FILE);
        Files.writeString(file, "pipeline-engine=flink\n", StandardCharsets.UTF_8);

        ObservatoryException error = catchThrowableOfType(
                () -> DeploymentSettings.load(new DataDirectory(root)), ObservatoryException.class);

        assertCoded(error, ConfigMessage.SETTINGS_ENGINE);
        assertThat(error.getMessage())
                .isEqualTo("The settings file " + file
                        + " setting pipeline-engine must be one of [duckdb, spark], not 'flink'; correct it");
        assertThat(error.message(PORTUGUESE))
                .isEqualTo("No arquivo de configurações " + file + ", a configuração pipeline-engine deve ser uma de"
                        + " [duckdb, spark], não 'flink'; corrija-o");
        assertThat(error.message(FRENCH))
                .isEqualTo("Dans le fichier de réglages " + file + ", le réglage pipeline-engine doit être l’une des"
                        + " valeurs [duckdb, spark], et non 'flink'\u00a0; corrigez-le");
    }

    @Test
    void aTrustedProxyThatIsANameIsRefusedInPortugueseAndFrench() {
        ObservatoryException error = catchThrowableOfType(
                () -> new TrustedProxies(List.of("proxy.example.org")), ObservatoryException.class);

        assertCoded(error, ConfigMessage.TRUSTED_PROXY_INVALID);
        assertThat(error.message(PORTUGUESE))
                .startsWith("O proxy confiável 'proxy.example.org' não é um endereço IP nem uma faixa CIDR;")
                .endsWith("(nomes não são aceitos)");
        assertThat(error.message(FRENCH))
                .startsWith(
                        "Le proxy de confiance 'proxy.example.org' n’est ni une adresse IP ni une plage CIDR\u00a0;")
                .endsWith("(les noms ne sont pas acceptés)");
    }

    @Test
    void aPkcs1KeyIsRefusedInPortugueseAndFrenchWithTheWordsPutInItTranslatedToo() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(root, "RSA");
        Path pkcs1 = root.resolve("pkcs1.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");
        Path nothing = root.resolve("nothing.pem");
        Files.writeString(nothing, "not a key\n");

        ObservatoryException block = catchThrowableOfType(
                () -> new TlsFiles(certificate.certificate(), pkcs1).keyStore(new char[0]), ObservatoryException.class);
        ObservatoryException none = catchThrowableOfType(
                () -> new TlsFiles(certificate.certificate(), nothing).keyStore(new char[0]),
                ObservatoryException.class);

        assertCoded(block, ConfigMessage.TLS_KEY_NOT_PKCS8);
        assertThat(block.message(PORTUGUESE))
                .startsWith("O arquivo de chave TLS " + pkcs1 + " contém um bloco 'RSA PRIVATE KEY'; informe uma chave"
                        + " PKCS#8 não criptografada");
        assertThat(block.message(FRENCH))
                .startsWith("Le fichier de clé TLS " + pkcs1 + " contient un bloc 'RSA PRIVATE KEY'\u00a0; donnez une"
                        + " clé PKCS#8 non chiffrée");
        assertThat(none.getMessage()).startsWith("The TLS key file " + nothing + " holds no private key;");
        assertThat(none.message(PORTUGUESE)).contains(" contém algo que não é uma chave privada;");
        assertThat(none.message(FRENCH)).contains(" contient autre chose qu’une clé privée\u00a0;");
    }

    @Test
    void aTakenPortAndAPortOutOfRangeAreExplainedInPortugueseAndFrench() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            ObservatoryException error = catchThrowableOfType(
                    () -> ApiServer.start(Javalin.create(), "127.0.0.1", port), ObservatoryException.class);

            assertCoded(error, ConfigMessage.PORT_IN_USE);
            // the port is written as the operator gives it, never grouped (41234, not 41.234)
            assertThat(error.message(PORTUGUESE))
                    .startsWith("Não é possível escutar em 127.0.0.1:" + port + " (")
                    .endsWith("); escolha outra --port ou outro --host, ou pare o processo que a usa");
            assertThat(error.message(FRENCH))
                    .startsWith("Impossible d’écouter sur 127.0.0.1:" + port + " (")
                    .endsWith(")\u00a0; choisissez un autre --port ou un autre --host, ou arrêtez le processus qui"
                            + " l’utilise");
        }
        ObservatoryException range = catchThrowableOfType(
                () -> ApiServer.start(Javalin.create(), "127.0.0.1", 70_000), ObservatoryException.class);
        assertCoded(range, ConfigMessage.PORT_OUT_OF_RANGE);
        assertThat(range.message(PORTUGUESE))
                .isEqualTo("A porta 70000 está fora do intervalo; use uma porta de 1 a 65535 (ou 0 para qualquer porta"
                        + " livre)");
        assertThat(range.message(FRENCH))
                .isEqualTo("Le port 70000 est hors limites\u00a0; utilisez un port de 1 à 65535 (ou 0 pour n’importe"
                        + " quel port libre)");
    }

    private static void assertCoded(ObservatoryException error, ConfigMessage code) {
        assertThat(error).isNotNull();
        assertThat(error.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThat(error.message())
                .hasValueSatisfying(message -> assertThat(message.code()).isEqualTo(code));
        assertThat(error.message(PORTUGUESE)).isNotEqualTo(error.getMessage());
        assertThat(error.message(FRENCH)).isNotEqualTo(error.getMessage()).isNotEqualTo(error.message(PORTUGUESE));
    }
}
