package org.observatory.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * One step of an ingest run as {@link StepSampler} saw it: how many samples fell in it, the seconds they stand for,
 * and the largest resident memory sampled during it.
 */
public record StepTiming(String name, long samples, double seconds, OptionalLong peakResident) {
    public StepTiming {
        requireNonNull(name, "name is null");
        requireNonNull(peakResident, "peakResident is null");
    }
}
