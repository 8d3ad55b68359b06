package org.observatory.pipeline.job;

/**
 * The last word on whether a run may still publish: the {@link PipelineJob} hands it the moment of publication
 * (the atomic replacement of {@code CURRENT} and the entry in {@code PUBLISHED}), after the snapshot is complete.
 * A gate that refuses throws instead of running it; the job then discards the unpublished snapshot, and {@code
 * CURRENT} is unchanged.
 */
@FunctionalInterface
public interface PublicationGate {
    /** A gate that always lets the run publish. */
    PublicationGate OPEN = Runnable::run;

    /**
     * Runs {@code publication} if the run may still publish.
     *
     * @throws org.observatory.schemas.error.ObservatoryException when it may not; {@code publication} did not run
     */
    void publish(Runnable publication);
}
