/**
 * Storage: run manifests and reports as JSON, staged rows in, snapshot tables out, and the atomic publication of a
 * snapshot through the warehouse's {@code CURRENT}, on local paths ({@link org.observatory.pipeline.io.LocalStorage})
 * or any Hadoop file system ({@link org.observatory.pipeline.io.HadoopStorage}) behind one {@link
 * org.observatory.pipeline.io.Storage} port.
 */
package org.observatory.pipeline.io;
