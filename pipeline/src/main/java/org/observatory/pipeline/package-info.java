/**
 * The observatory's Spark batch pipeline: staged submissions to a published snapshot. {@link
 * org.observatory.pipeline.PipelineMain} is the command line; {@link org.observatory.pipeline.job.PipelineJob} the
 * run.
 */
package org.observatory.pipeline;
