package org.observatory.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalSeparatorTest {
    @Test
    void readsWholeNumbersAsExactlyTheDoubleJavaParsesThemTo() {
        List<String> numbers = new ArrayList<>(List.of(
                "0",
                "-0",
                "000123",
                "-42",
                "999999999999999", // 15 digits: read without the general parser
                "-999999999999999",
                "9007199254740993", // 16 digits, above 2^53: rounded as Double.parseDouble rounds it
                "12345678901234567890"));
        Random random = new Random(11);
        for (int number = 0; number < 10_000; number++) {
            long value = random.nextLong() % 1_000_000_000_000_000L;
            numbers.add(Long.toString(value));
        }

        for (DecimalSeparator separator : List.of(DecimalSeparator.POINT, DecimalSeparator.COMMA)) {
            for (String number : numbers) {
                double expected = Double.parseDouble(number);
                assertThat(Double.doubleToRawLongBits(separator.parse(number).orElseThrow()))
                        .as("%s with separator %s", number, separator.symbol())
                        .isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
        assertThat(DecimalSeparator.POINT.parse("12.5").orElseThrow()).isEqualTo(12.5);
        assertThat(DecimalSeparator.COMMA.parse("12,5").orElseThrow()).isEqualTo(12.5);
        assertThat(DecimalSeparator.POINT.parse("1,234.5").orElseThrow()).isEqualTo(1234.5);
        assertThat(DecimalSeparator.POINT.parse("12a")).isEmpty();
    }
}
