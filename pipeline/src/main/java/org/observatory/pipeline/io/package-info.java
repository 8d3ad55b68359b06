/**
 * Storage: run manifests and reports as JSON, staged rows in, snapshot tables out, and the atomic publication of a
 * snapshot through the warehouse's {@code CURRENT}. Local paths and {@code file:} URIs.
 */
package org.observatory.pipeline.io;
