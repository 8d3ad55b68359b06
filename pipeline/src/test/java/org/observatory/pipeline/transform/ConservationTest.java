package org.observatory.pipeline.transform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

class ConservationTest {
    @Test
    void acceptsABalancedRun() {
        assertThatCode(() -> Conservation.verify(14, 10, Map.of("superseded", 3L, "unmapped-national-code", 1L)))
                .doesNotThrowAnyException();
    }

    @Test
    void failsWithTheThreeNumbersWhenARowIsLost() {
        assertThatThrownBy(() -> Conservation.verify(14, 9, Map.of("unmapped-national-code", 1L, "superseded", 3L)))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Rows are not conserved: rows in 14 != rows out 9 + rows excluded 4"
                        + " {superseded=3, unmapped-national-code=1} (+1 unaccounted); this is a pipeline bug, the"
                        + " previous snapshot stays published; report it with the run manifest")
                .extracting(error -> ((ObservatoryException) error).errorCode())
                .isEqualTo(ErrorCode.CONSERVATION_VIOLATED);
    }
}
