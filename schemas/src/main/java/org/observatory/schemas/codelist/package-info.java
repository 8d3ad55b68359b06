/**
 * Codelists shipped as data files under {@code codelists/}: countries (ISO 3166-1), the deployment's member
 * states and their UN M49 subregions, the indicator catalogue, source kinds and CTS sections, with their labels in
 * the four languages and which of those are official ({@code label-sources.csv}, {@link
 * org.observatory.schemas.codelist.LabelAudit}). Every loader fails with the file and line of the first problem.
 */
package org.observatory.schemas.codelist;
