package org.observatory.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.observatory.pipeline.io.Locations;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.text.Messages;

/** The pipeline's errors a person acts on, in the four languages with the same code. */
class PipelineMessageTest {
    private static final char NO_BREAK = '\u00a0';

    @Test
    void pipelineMessagesHaveEveryTextInTheFourLanguages() {
        assertThat(Messages.problems(PipelineMessage.class)).isEmpty();
    }

    @Test
    void anUnusableLocationIsReportedInTheReadersLanguageWithTheSameCode() {
        ObservatoryException error = catchThrowableOfType(
                ObservatoryException.class,
                () -> Locations.resolve("hdfs://cluster/observatory/warehouse", "warehouseUri", Locations.Reach.LOCAL));

        assertThat(error.errorCode()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
        assertThat(error.message().orElseThrow().code()).isEqualTo(PipelineMessage.LOCATION_LOCAL_ONLY);
        assertThat(error.getMessage())
                .startsWith("Run manifest warehouseUri 'hdfs://cluster/observatory/warehouse' is not usable: the"
                        + " DuckDB engine");
        assertThat(error.message(Locale.forLanguageTag("pt-BR")))
                .startsWith("O warehouseUri \"hdfs://cluster/observatory/warehouse\" do manifesto da execução não pode"
                        + " ser usado: o motor DuckDB só lê e grava caminhos locais");
        assertThat(error.message(Locale.forLanguageTag("fr-CA")))
                .startsWith("Le warehouseUri «" + NO_BREAK + "hdfs://cluster/observatory/warehouse" + NO_BREAK
                        + "» du manifeste d’exécution est inutilisable" + NO_BREAK + ":");
        assertThat(error.message(Locale.forLanguageTag("es-419")))
                .startsWith("El warehouseUri 'hdfs://cluster/observatory/warehouse' del manifiesto de la ejecución no"
                        + " se puede usar");
    }
}
