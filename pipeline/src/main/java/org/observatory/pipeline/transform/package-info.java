/**
 * Pure Spark transformations, {@code Dataset<Row>} to {@code Dataset<Row>}, with built-in functions only; the frames
 * they join with are built from the shared codelists. Nothing here reads or writes storage or runs an action.
 */
package org.observatory.pipeline.transform;
