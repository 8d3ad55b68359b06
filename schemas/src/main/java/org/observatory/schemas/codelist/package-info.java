/**
 * Codelists shipped as data files under {@code codelists/}: countries (ISO 3166-1), the deployment's member
 * states and their UN M49 subregions, the indicator catalogue, source kinds and CTS sections. Every loader fails
 * with the file and line of the first problem.
 */
package org.observatory.schemas.codelist;
