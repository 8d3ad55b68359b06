/** Configuration of the read API: what it serves and how it watches for new snapshots. */
package org.observatory.api.config;
