/** Spark plumbing: the session, and the Spark types of the shared table schemas. */
package org.observatory.pipeline.spark;
