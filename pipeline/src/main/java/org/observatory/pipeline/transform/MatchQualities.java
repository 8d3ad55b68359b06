package org.observatory.pipeline.transform;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.observatory.schemas.record.MatchQuality;

/**
 * Match qualities as column expressions: the code, the comparability caveat that travels with every value of a
 * non-full match, and the order of weakness used when several national codes feed one value.
 *
 * <p>Weakness, from strongest to weakest: {@code full}, {@code narrower}, {@code broader}, {@code partial}. A
 * partial match is the weakest because it can err in both directions; a broader definition can inflate a value,
 * which we treat as a weaker basis for comparison than one that can only omit acts.
 */
public final class MatchQualities {
    /** Match qualities from strongest to weakest. */
    public static final List<MatchQuality> BY_WEAKNESS =
            List.of(MatchQuality.FULL, MatchQuality.NARROWER, MatchQuality.BROADER, MatchQuality.PARTIAL);

    private MatchQualities() {}

    /** The lower-cased, trimmed code; null when blank. */
    public static Column code(Column matchQuality) {
        Column code = lower(trim(matchQuality));
        return when(code.notEqual(""), code);
    }

    /** The caveat of a match quality code: null for {@code full}, blank or unknown codes. */
    public static Column caveat(Column matchQuality) {
        Column code = code(matchQuality);
        Column caveat = lit(null).cast("string");
        for (MatchQuality quality : MatchQuality.values()) {
            if (quality.caveat().isPresent()) {
                caveat = when(code.equalTo(quality.code()), lit(quality.caveat().get()))
                        .otherwise(caveat);
            }
        }
        return caveat;
    }

    /** The position of a match quality code in {@link #BY_WEAKNESS}; null when blank or unknown. */
    public static Column weakness(Column matchQuality) {
        Column code = code(matchQuality);
        Column weakness = lit(null).cast("int");
        for (int position = 0; position < BY_WEAKNESS.size(); position++) {
            weakness = when(code.equalTo(BY_WEAKNESS.get(position).code()), lit(position))
                    .otherwise(weakness);
        }
        return weakness;
    }

    /** The match quality code at a position of {@link #BY_WEAKNESS}; null for null. */
    public static Column fromWeakness(Column weakness) {
        Column code = lit(null).cast("string");
        for (int position = 0; position < BY_WEAKNESS.size(); position++) {
            code = when(
                            weakness.equalTo(position),
                            lit(BY_WEAKNESS.get(position).code()))
                    .otherwise(code);
        }
        return code;
    }
}
