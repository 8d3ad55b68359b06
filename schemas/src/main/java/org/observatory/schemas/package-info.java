/** The shared model of the observatory: codelists, classification, records, table schemas, storage layout, errors. */
package org.observatory.schemas;
