/** The storage layout of a data directory: where landed files, staged rows, snapshots and the registry live. */
package org.observatory.schemas.storage;
