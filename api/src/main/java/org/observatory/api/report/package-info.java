/**
 * The secretariat's reports over a published snapshot: the response-rate and completeness report of a UN-CTS
 * cycle ({@link org.observatory.api.report.ResponseRateReport}), built by a pure function from the snapshot's
 * {@code responses} table and rendered as text, CSV, JSON or HTML with the same numbers.
 */
package org.observatory.api.report;
