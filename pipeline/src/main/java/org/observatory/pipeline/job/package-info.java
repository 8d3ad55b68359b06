/** Jobs: one class per job, doing the I/O around the pure transforms and answering with a result record. */
package org.observatory.pipeline.job;
