-- The pipeline, defined once: how a run's staged rows become a snapshot's tables. DuckDB and Spark SQL both run
-- this text with the same meaning (see pipeline/README.md, "One definition, two engines", for the rules it keeps:
-- explicit casts and null ordering, DOUBLE arithmetic, no engine-specific functions but the two joins of texts).
--
-- Each statement defines the relation named in its header from relations defined above it or registered by the
-- run: staged (the staged rows read), run_submissions, approvals, cts_categories, default_correspondence,
-- match_qualities, source_precedence, indicator_coverage, indicator_units, nested_indicators, indicator_sections
-- and previous_indicators (the indicators of the previous snapshot's compared partitions). ${threshold} is the
-- small-cell threshold. JOINED_DISTINCT(x) joins a group's distinct non-null texts in order with '; ';
-- JOINED_BY(x, k) joins them in the order of k. A relation marked (view) is not materialised.

-- relation: groups
-- The one pass over the staged rows: accepted incident-level rows (one per recorded offence) that agree in every
-- column but their line become one group, with source_rows their number and source_line the first line; every
-- other row is a group of its own (ingest stages one row per line of a submission, and the job checks it: the
-- summary's duplicate-lines). Only fixed-width aggregates, so that Spark aggregates by hashing, not by sorting.
WITH flagged AS (
    SELECT *, coalesce(status = 'accepted' AND unit = 'incident', false) AS incident
    FROM staged)
SELECT submission_id, source_kind, status, skip_reason, country, year, cts_indicator, cts_dimension, cts_category,
       national_code, national_label, iccs_code, sex, age, breakdown_type, breakdown, unit,
       CASE WHEN incident THEN CAST(NULL AS DOUBLE) ELSE value END AS value, obs_status, footnote, source,
       match_quality, min(source_line) AS source_line, CAST(count(*) AS BIGINT) AS source_rows, incident
FROM flagged
GROUP BY submission_id, source_kind, status, skip_reason, country, year, cts_indicator, cts_dimension, cts_category,
         national_code, national_label, iccs_code, sex, age, breakdown_type, breakdown, unit,
         CASE WHEN incident THEN CAST(NULL AS DOUBLE) ELSE value END, obs_status, footnote, source, match_quality,
         incident, CASE WHEN incident THEN NULL ELSE source_line END;

-- relation: rows_in (view)
-- The rows in the run: the accepted rows of the countries whose part of the submission is approved, and every
-- skipped row (an exclusion with its ingest reason). Nothing is public before approval.
SELECT g.submission_id, source_kind, status, skip_reason, g.country, year, cts_indicator, cts_dimension,
       cts_category, national_code, national_label, iccs_code, sex, age, breakdown_type, breakdown, unit, value,
       obs_status, footnote, source, match_quality, source_line, source_rows, s.sequence, s.cycle
FROM groups g
JOIN run_submissions s ON s.submission_id = g.submission_id
LEFT JOIN approvals a ON a.submission_id = g.submission_id AND a.country = g.country
WHERE NOT coalesce(g.status = 'accepted', false) OR a.country IS NOT NULL;

-- relation: revised
-- The revision rule: per scope (source kind, country, year; a correspondence table has no year; a CTS scope also
-- names the dataUNODC indicator, one theme per file) only the latest submission (highest sequence) counts; the
-- older rows are superseded.
WITH accepted AS (
    SELECT *,
           CASE WHEN source_kind = 'correspondence' THEN CAST(NULL AS INT) ELSE year END AS scope_year,
           CASE WHEN source_kind = 'cts' THEN cts_indicator END AS scope_series
    FROM rows_in
    WHERE status = 'accepted'),
latest AS (
    SELECT source_kind AS latest_kind, country AS latest_country, scope_year AS latest_year,
           scope_series AS latest_series, max(sequence) AS latest_sequence,
           max_by(submission_id, sequence) AS latest_submission
    FROM accepted
    GROUP BY source_kind, country, scope_year, scope_series)
SELECT submission_id, source_kind, status, skip_reason, country, year, cts_indicator, cts_dimension, cts_category,
       national_code, national_label, iccs_code, sex, age, breakdown_type, breakdown, unit, value, obs_status,
       footnote, source, match_quality, source_line, source_rows, sequence, cycle,
       CASE WHEN latest_sequence > sequence THEN 'superseded' END AS superseded,
       CASE WHEN latest_sequence > sequence
            THEN 'superseded by submission ' || latest_submission || ' for (' || source_kind || ', '
                 || coalesce(country, 'null') || ', '
                 || CASE WHEN source_kind = 'correspondence' THEN 'all years'
                         ELSE coalesce(CAST(year AS STRING), 'null') END
                 || CASE WHEN source_kind = 'cts' THEN ', ' || coalesce(cts_indicator, 'null') ELSE '' END
                 || '), which revises the same scope'
       END AS superseded_detail
FROM accepted
JOIN latest
  ON source_kind IS NOT DISTINCT FROM latest_kind AND country IS NOT DISTINCT FROM latest_country
     AND scope_year IS NOT DISTINCT FROM latest_year AND scope_series IS NOT DISTINCT FROM latest_series;

-- relation: value_rows (view)
-- The rows of the kinds that carry values (cts, national, sdmx-csv), superseded or not: units give the measure
-- (count and incident a count, rate_per_100k a reported rate, percent a percent), blank sex, age and breakdown
-- are totals (_T), and what cannot give a value is an invalid-row.
WITH classified AS (
    SELECT *, lower(trim(unit)) AS unit_code,
           CASE lower(trim(unit))
               WHEN 'count' THEN 'count' WHEN 'incident' THEN 'count'
               WHEN 'rate_per_100k' THEN 'reported_rate' WHEN 'percent' THEN 'percent' END AS measure
    FROM revised
    WHERE NOT coalesce(source_kind IN ('correspondence', 'population'), false))
SELECT submission_id, source_kind, status, country, year, cts_indicator, cts_dimension, cts_category,
       national_code, national_label, iccs_code,
       CASE WHEN trim(sex) IS NULL OR trim(sex) = '' THEN '_T' ELSE trim(sex) END AS sex,
       CASE WHEN trim(age) IS NULL OR trim(age) = '' THEN '_T' ELSE trim(age) END AS age,
       CASE WHEN trim(breakdown_type) IS NULL OR trim(breakdown_type) = '' THEN '_T'
            ELSE trim(breakdown_type) END AS breakdown_type,
       CASE WHEN trim(breakdown) IS NULL OR trim(breakdown) = '' THEN '_T' ELSE trim(breakdown) END AS breakdown,
       unit_code AS unit, measure, value, obs_status, footnote, source, match_quality, source_line, source_rows,
       sequence, cycle, superseded, superseded_detail,
       CASE WHEN NOT coalesce(source_kind IN ('cts', 'national', 'sdmx-csv'), false) THEN 'invalid-row'
            WHEN measure IS NULL OR (unit_code = 'incident' AND source_kind <> 'national') THEN 'invalid-row'
            WHEN value IS NULL AND unit_code <> 'incident' THEN 'invalid-row' END AS invalid,
       CASE WHEN NOT coalesce(source_kind IN ('cts', 'national', 'sdmx-csv'), false)
            THEN 'source kind ''' || coalesce(source_kind, 'null')
                 || ''' carries no values the pipeline reads; use cts, national or sdmx-csv'
            WHEN measure IS NULL OR (unit_code = 'incident' AND source_kind <> 'national')
            THEN 'unit ''' || coalesce(unit, 'null') || ''' is not read for source kind ''' || source_kind
                 || '''; use count, rate_per_100k or percent (incident for national incident-level files)'
            WHEN value IS NULL AND unit_code <> 'incident'
            THEN 'the value is missing; give a number or leave the row out' END AS invalid_detail
FROM classified;

-- relation: cts_values
-- dataUNODC (CTS) values: the (indicator, dimension, category) triple, ignoring case and surrounding spaces,
-- through codelists/cts-categories.csv to indicator, ICCS code and breakdown, else unmapped-cts-category.
-- Superseded rows are mapped too: the responses table counts the answers to every cycle.
WITH keyed AS (
    SELECT *,
           lower(regexp_replace(regexp_replace(cts_indicator, '^\s+', ''), '\s+$', '') || '|'
                 || regexp_replace(regexp_replace(cts_dimension, '^\s+', ''), '\s+$', '') || '|'
                 || regexp_replace(regexp_replace(cts_category, '^\s+', ''), '\s+$', '')) AS key
    FROM value_rows
    WHERE source_kind = 'cts' AND invalid IS NULL)
SELECT submission_id, source_kind, status, country, year, cts_indicator, cts_dimension, cts_category,
       national_code, national_label, category_iccs_code AS iccs_code, sex, age,
       category_breakdown_type AS breakdown_type, category_breakdown AS breakdown, unit, measure, value, obs_status,
       footnote, source, match_quality, source_line, source_rows, sequence, cycle, superseded, superseded_detail,
       category_indicator AS indicator,
       CASE WHEN cts_key IS NULL THEN 'unmapped-cts-category' END AS unmapped,
       CASE WHEN cts_key IS NULL
            THEN 'dataUNODC category ''' || coalesce(cts_indicator, 'null') || ' | '
                 || coalesce(cts_dimension, 'null') || ' | ' || coalesce(cts_category, 'null')
                 || ''' is not in codelists/cts-categories.csv; add it there (with its indicator and ICCS code)'
                 || ' to publish these values' END AS unmapped_detail
FROM keyed
LEFT JOIN cts_categories ON cts_key = key;

-- relation: correspondence (view)
-- The correspondence tables in effect: a country's latest approved correspondence submission replaces its shipped
-- default whole; a national code staged twice keeps its first line.
WITH staged_tables AS (
    SELECT country, trim(national_code) AS national_code, national_label, trim(iccs_code) AS iccs_code,
           CASE WHEN lower(trim(match_quality)) <> '' THEN lower(trim(match_quality)) END AS match_quality,
           footnote AS note,
           row_number() OVER (PARTITION BY country, trim(national_code) ORDER BY source_line ASC NULLS LAST)
               AS position
    FROM revised
    WHERE superseded IS NULL AND source_kind = 'correspondence'
      AND country IS NOT NULL AND trim(national_code) IS NOT NULL)
SELECT d.country, d.national_code, d.national_label, d.iccs_code, d.match_quality, d.note
FROM default_correspondence d
WHERE NOT EXISTS (SELECT 1 FROM staged_tables t WHERE t.country = d.country)
UNION ALL
SELECT country, national_code, national_label, iccs_code, match_quality, note
FROM staged_tables
WHERE position = 1;

-- relation: national_values
-- National values: (country, national code) through the country's correspondence table to an ICCS code, with
-- the match quality and its caveat, the national code and label kept; else unmapped-national-code.
SELECT v.submission_id, v.source_kind, v.country, v.year, trim(v.national_code) AS national_code,
       coalesce(v.national_label, c.national_label) AS national_label, c.iccs_code, v.sex, v.age,
       v.breakdown_type, v.breakdown, v.unit, v.measure, v.value, v.obs_status, v.footnote, v.source,
       c.match_quality, q.caveat, v.source_line, v.source_rows, v.cycle,
       CASE WHEN c.national_code IS NULL THEN 'unmapped-national-code' END AS unmapped,
       CASE WHEN c.national_code IS NULL
            THEN 'national offence code ''' || coalesce(trim(v.national_code), '') || ''' is not in the '
                 || coalesce(v.country, 'country''s')
                 || ' correspondence table; add it to the table (upload a correspondence file) or correct the code'
       END AS unmapped_detail
FROM value_rows v
LEFT JOIN correspondence c ON c.country = v.country AND c.national_code = trim(v.national_code)
LEFT JOIN match_qualities q ON q.match_quality = c.match_quality
WHERE v.source_kind = 'national' AND v.superseded IS NULL AND v.invalid IS NULL;

-- relation: value_observations
-- The normalised values in the shape of the observations table (before they are repeated for each indicator they
-- feed): CTS values name their indicator; national and SDMX values carry their ICCS code. Incident rows are
-- counted per country, year, national code, sex, age and breakdown (incident_derived: the small-cell rule
-- applies), with the first line and the number of incidents.
WITH reported AS (
    SELECT country, year, indicator, iccs_code, sex, age, breakdown_type, breakdown, measure, value, unit,
           obs_status, footnote, source, source_kind, national_code, national_label, match_quality,
           CAST(NULL AS STRING) AS caveat, submission_id, source_line, source_rows, cycle
    FROM cts_values
    WHERE superseded IS NULL AND unmapped IS NULL
    UNION ALL
    SELECT country, year, CAST(NULL AS STRING), iccs_code, sex, age, breakdown_type, breakdown, measure, value,
           unit, obs_status, footnote, source, source_kind, national_code, national_label, match_quality, caveat,
           submission_id, source_line, source_rows, cycle
    FROM national_values
    WHERE unmapped IS NULL AND unit <> 'incident'
    UNION ALL
    SELECT country, year, CAST(NULL AS STRING), iccs_code, sex, age, breakdown_type, breakdown, measure, value,
           unit, obs_status, footnote, source, source_kind, national_code, national_label, match_quality,
           CAST(NULL AS STRING), submission_id, source_line, source_rows, cycle
    FROM value_rows
    WHERE source_kind = 'sdmx-csv' AND superseded IS NULL AND invalid IS NULL),
shaped AS (
    SELECT country, year, indicator, trim(iccs_code) AS iccs_code, sex, age, breakdown_type, breakdown, measure,
           value,
           CASE WHEN measure = 'reported_rate' THEN 'rate_per_100k' WHEN measure = 'percent' THEN 'percent'
                ELSE 'count' END AS unit,
           CASE WHEN upper(trim(obs_status)) IS NULL OR upper(trim(obs_status)) = '' THEN 'A'
                ELSE upper(trim(obs_status)) END AS obs_status,
           CAST(NULL AS STRING) AS obs_conf, footnote, source, source_kind, national_code, national_label,
           match_quality, caveat, submission_id, source_line, source_rows, cycle,
           coalesce(lower(source) LIKE '%synthetic%', false) AS synthetic
    FROM reported),
incidents AS (
    SELECT country, year, CAST(NULL AS STRING) AS indicator, trim(iccs_code) AS iccs_code, sex, age,
           breakdown_type, breakdown, measure, 'count' AS unit, CAST(NULL AS STRING) AS obs_conf, source_kind,
           national_code, match_quality, caveat, submission_id, cycle,
           CASE WHEN upper(trim(obs_status)) IS NULL OR upper(trim(obs_status)) = '' THEN 'A'
                ELSE upper(trim(obs_status)) END AS obs_status,
           footnote, source, national_label, source_line, source_rows,
           coalesce(lower(source) LIKE '%synthetic%', false) AS synthetic
    FROM national_values
    WHERE unmapped IS NULL AND unit = 'incident')
SELECT country, year, indicator, iccs_code, sex, age, breakdown_type, breakdown, measure, value, unit, obs_status,
       obs_conf, footnote, source, source_kind, national_code, national_label, match_quality, caveat,
       submission_id, source_line, source_rows, cycle, synthetic, false AS incident_derived
FROM shaped
UNION ALL
SELECT country, year, indicator, iccs_code, sex, age, breakdown_type, breakdown, measure,
       CAST(sum(source_rows) AS DOUBLE) AS value, unit,
       coalesce(min(CASE WHEN obs_status <> 'A' THEN obs_status END), 'A') AS obs_status, obs_conf,
       JOINED_DISTINCT(footnote) AS footnote, JOINED_DISTINCT(source) AS source, source_kind, national_code,
       min(national_label) AS national_label, match_quality, caveat, submission_id,
       min(source_line) AS source_line, CAST(sum(source_rows) AS BIGINT) AS source_rows, cycle,
       bool_or(synthetic) AS synthetic, true AS incident_derived
FROM incidents
GROUP BY country, year, indicator, iccs_code, sex, age, breakdown_type, breakdown, measure, unit, obs_conf,
         source_kind, national_code, match_quality, caveat, submission_id, cycle;

-- relation: marked
-- The observations before the small-cell rule: a national or SDMX value feeds every indicator that covers its
-- ICCS code (a count feeds count indicators and a percentage percentage ones), one observation each, and stays an
-- observation with a null indicator when none does; a count takes its indicator's unit. hidden marks a count of
-- fewer than ${threshold} incidents.
WITH attached AS (
    SELECT country, year, indicator, iccs_code, sex, age, breakdown_type, breakdown, measure, value, unit,
           obs_status, obs_conf, footnote, source, source_kind, national_code, national_label, match_quality,
           caveat, submission_id, source_line, source_rows, cycle, synthetic, incident_derived
    FROM value_observations
    WHERE source_kind = 'cts'
    UNION ALL
    SELECT v.country, v.year, c.indicator, v.iccs_code, v.sex, v.age, v.breakdown_type, v.breakdown, v.measure,
           v.value, v.unit, v.obs_status, v.obs_conf, v.footnote, v.source, v.source_kind, v.national_code,
           v.national_label, v.match_quality, v.caveat, v.submission_id, v.source_line, v.source_rows, v.cycle,
           v.synthetic, v.incident_derived
    FROM value_observations v
    LEFT JOIN (SELECT i.indicator, i.covered_iccs_code, u.unit AS catalogue_unit
               FROM indicator_coverage i JOIN indicator_units u ON u.indicator = i.indicator) c
      ON substr(v.iccs_code, 1, length(c.covered_iccs_code)) = c.covered_iccs_code
         AND (v.measure IS NOT DISTINCT FROM 'percent') = (c.catalogue_unit = 'percent')
    WHERE v.source_kind IS DISTINCT FROM 'cts')
SELECT country, year, a.indicator, iccs_code, sex, age, breakdown_type, breakdown, measure, value,
       CASE WHEN measure = 'count' AND u.unit IS NOT NULL THEN u.unit ELSE a.unit END AS unit,
       obs_status, obs_conf, footnote, source, source_kind, national_code, national_label, match_quality, caveat,
       submission_id, source_line, source_rows, cycle, synthetic, incident_derived,
       coalesce(incident_derived AND measure = 'count' AND value < ${threshold}, false) AS hidden
FROM attached a
LEFT JOIN indicator_units u ON u.indicator = a.indicator;

-- relation: observations (view)
-- The observations table: a hidden count is published empty, flagged Q (obs_status) and C (obs_conf).
SELECT country, year, indicator, iccs_code, sex, age, breakdown_type, breakdown, measure,
       CASE WHEN hidden THEN CAST(NULL AS DOUBLE) ELSE value END AS value, unit,
       CASE WHEN hidden THEN 'Q' ELSE obs_status END AS obs_status,
       CASE WHEN hidden THEN 'C' ELSE obs_conf END AS obs_conf,
       footnote, source, source_kind, national_code, national_label, match_quality, caveat, submission_id,
       source_line, CASE WHEN hidden THEN CAST(NULL AS BIGINT) ELSE source_rows END AS source_rows, cycle,
       synthetic
FROM marked;

-- relation: denominators (view)
-- Resident population by country, year and sex for all ages, from the current population rows.
SELECT country, year,
       CASE WHEN trim(sex) IS NULL OR trim(sex) = '' THEN '_T' ELSE trim(sex) END AS sex, '_T' AS age,
       max(value) AS population, min(source) AS population_source
FROM revised
WHERE source_kind = 'population' AND superseded IS NULL
  AND (trim(age) IS NULL OR trim(age) = '' OR trim(age) = '_T')
  AND (trim(breakdown_type) IS NULL OR trim(breakdown_type) = '' OR trim(breakdown_type) = '_T')
  AND country IS NOT NULL AND year IS NOT NULL AND value IS NOT NULL
GROUP BY country, year, CASE WHEN trim(sex) IS NULL OR trim(sex) = '' THEN '_T' ELSE trim(sex) END;

-- relation: national_codes (view)
-- Per indicator value and source, the national codes feeding its count, each once with its label, joined in code
-- order (labels in the order of their codes).
WITH pairs AS (
    SELECT DISTINCT country, year, indicator, sex, age, breakdown_type, breakdown, source_kind, submission_id,
           national_code, coalesce(national_label, national_code) AS code_label
    FROM marked
    WHERE indicator IS NOT NULL AND measure = 'count' AND national_code IS NOT NULL)
SELECT country AS codes_country, year AS codes_year, indicator AS codes_indicator, sex AS codes_sex,
       age AS codes_age, breakdown_type AS codes_breakdown_type, breakdown AS codes_breakdown,
       source_kind AS codes_source_kind, submission_id AS codes_submission_id,
       JOINED_BY(national_code, national_code) AS national_code, JOINED_BY(code_label, national_code) AS national_label
FROM pairs
GROUP BY country, year, indicator, sex, age, breakdown_type, breakdown, source_kind, submission_id;

-- relation: indicator_values
-- Per country, year, indicator, sex, age, breakdown: the count (the sum of one source's count observations) and
-- the rate per 100,000 (count x 100,000 / population of the same country, year and sex for all ages; null, never
-- zero, without a population or for an age band). When several source kinds give the same key, one is kept by
-- precedence (national, then sdmx-csv, then cts); national codes feeding a value are joined in code order with
-- the weakest match quality and its caveat.
WITH sourced AS (
    SELECT m.*, measure = 'count' AS is_count
    FROM marked m
    WHERE indicator IS NOT NULL AND measure IN ('count', 'reported_rate')),
summed AS (
    SELECT country, year, indicator, sex, age, breakdown_type, breakdown, source_kind, submission_id,
           sum(CASE WHEN is_count THEN value END) AS count,
           bool_or(is_count) AS has_count,
           sum(CASE WHEN NOT is_count THEN value END) AS reported_rate,
           max(CASE WHEN is_count THEN q.weakness END) AS weakness,
           coalesce(min(CASE WHEN is_count AND obs_status <> 'A' THEN obs_status END), 'A') AS obs_status,
           JOINED_DISTINCT(CASE WHEN is_count THEN footnote END) AS footnote,
           JOINED_DISTINCT(CASE WHEN is_count THEN source END) AS source,
           bool_or(is_count AND synthetic) AS synthetic,
           bool_or(is_count AND incident_derived) AS incident_derived
    FROM sourced
    LEFT JOIN match_qualities q ON q.match_quality = lower(trim(sourced.match_quality))
    GROUP BY country, year, indicator, sex, age, breakdown_type, breakdown, source_kind, submission_id),
preferred AS (
    SELECT s.*,
           row_number() OVER (
               PARTITION BY country, year, indicator, sex, age, breakdown_type, breakdown
               ORDER BY coalesce(p.preference, 99) ASC, submission_id ASC NULLS LAST) AS position
    FROM summed s
    LEFT JOIN source_precedence p ON p.source_kind = s.source_kind
    WHERE has_count)
SELECT f.country, f.year, f.indicator, f.sex, f.age, f.breakdown_type, f.breakdown, f.count,
       CASE WHEN u.has_rate AND d.population > 0
            THEN f.count * CAST(100000 AS DOUBLE) / d.population END AS rate_per_100k,
       d.population, d.population_source, f.reported_rate, u.unit, f.obs_status, CAST(NULL AS STRING) AS obs_conf,
       f.footnote, f.source, f.source_kind, c.national_code, c.national_label, q.match_quality, q.caveat,
       f.submission_id, f.synthetic, f.incident_derived
FROM preferred f
LEFT JOIN national_codes c
  ON c.codes_indicator = f.indicator AND c.codes_country IS NOT DISTINCT FROM f.country
     AND c.codes_year IS NOT DISTINCT FROM f.year AND c.codes_sex IS NOT DISTINCT FROM f.sex
     AND c.codes_age IS NOT DISTINCT FROM f.age AND c.codes_breakdown_type IS NOT DISTINCT FROM f.breakdown_type
     AND c.codes_breakdown IS NOT DISTINCT FROM f.breakdown AND c.codes_source_kind IS NOT DISTINCT FROM f.source_kind
     AND c.codes_submission_id IS NOT DISTINCT FROM f.submission_id
LEFT JOIN denominators d ON d.country = f.country AND d.year = f.year AND d.sex = f.sex AND d.age = f.age
LEFT JOIN indicator_units u ON u.indicator = f.indicator
LEFT JOIN match_qualities q ON q.weakness = f.weakness
WHERE position = 1;

-- relation: secondary_cells (view)
-- The small-cell rule's secondary suppression: an indicator value counted from incidents is also suppressed when,
-- in its cell (country, year, sex, age, breakdown, source kind, submission), exactly one of its observations is
-- hidden, or an indicator it contains has exactly one hidden observation fewer, or an indicator it contains is
-- below the threshold and the difference has no hidden observation (pipeline/README.md, small cells).
WITH cells AS (
    SELECT country, year, sex, age, breakdown_type, breakdown, source_kind, submission_id, indicator,
           CAST(sum(CASE WHEN hidden THEN 1 ELSE 0 END) AS BIGINT) AS hidden_values, sum(value) AS total
    FROM marked
    WHERE incident_derived AND measure = 'count' AND indicator IS NOT NULL
    GROUP BY country, year, sex, age, breakdown_type, breakdown, source_kind, submission_id, indicator)
SELECT country, year, sex, age, breakdown_type, breakdown, source_kind, submission_id, indicator
FROM cells
WHERE hidden_values = 1
UNION ALL
SELECT o.country, o.year, o.sex, o.age, o.breakdown_type, o.breakdown, o.source_kind, o.submission_id,
       o.indicator
FROM cells o
JOIN nested_indicators n ON n.outer_indicator = o.indicator
JOIN cells i
  ON i.indicator = n.inner_indicator AND i.country IS NOT DISTINCT FROM o.country
     AND i.year IS NOT DISTINCT FROM o.year AND i.sex IS NOT DISTINCT FROM o.sex
     AND i.age IS NOT DISTINCT FROM o.age AND i.breakdown_type IS NOT DISTINCT FROM o.breakdown_type
     AND i.breakdown IS NOT DISTINCT FROM o.breakdown AND i.source_kind IS NOT DISTINCT FROM o.source_kind
     AND i.submission_id IS NOT DISTINCT FROM o.submission_id
WHERE o.hidden_values - i.hidden_values = 1
   OR (i.total < ${threshold} AND i.hidden_values > 0 AND o.hidden_values - i.hidden_values = 0);

-- relation: indicators
-- The indicators table: a value counted from fewer than ${threshold} incidents, or in a secondary cell, is
-- published empty (count and rates null, the population kept), flagged Q and C.
WITH secondary AS (
    SELECT DISTINCT country AS cell_country, year AS cell_year, sex AS cell_sex, age AS cell_age,
           breakdown_type AS cell_breakdown_type, breakdown AS cell_breakdown, source_kind AS cell_source_kind,
           submission_id AS cell_submission_id, indicator AS cell_indicator
    FROM secondary_cells),
flagged AS (
    SELECT v.*,
           c.cell_indicator IS NOT NULL OR coalesce(v.incident_derived AND v.count < ${threshold}, false)
               AS suppressed
    FROM indicator_values v
    LEFT JOIN secondary c
      ON c.cell_indicator = v.indicator AND c.cell_country IS NOT DISTINCT FROM v.country
         AND c.cell_year IS NOT DISTINCT FROM v.year AND c.cell_sex IS NOT DISTINCT FROM v.sex
         AND c.cell_age IS NOT DISTINCT FROM v.age AND c.cell_breakdown_type IS NOT DISTINCT FROM v.breakdown_type
         AND c.cell_breakdown IS NOT DISTINCT FROM v.breakdown
         AND c.cell_source_kind IS NOT DISTINCT FROM v.source_kind
         AND c.cell_submission_id IS NOT DISTINCT FROM v.submission_id)
SELECT country, year, indicator, sex, age, breakdown_type, breakdown,
       CASE WHEN suppressed THEN CAST(NULL AS DOUBLE) ELSE count END AS count,
       CASE WHEN suppressed THEN CAST(NULL AS DOUBLE) ELSE rate_per_100k END AS rate_per_100k,
       population, population_source,
       CASE WHEN suppressed THEN CAST(NULL AS DOUBLE) ELSE reported_rate END AS reported_rate, unit,
       CASE WHEN suppressed THEN 'Q' ELSE obs_status END AS obs_status,
       CASE WHEN suppressed THEN 'C' ELSE obs_conf END AS obs_conf,
       footnote, source, source_kind, national_code, national_label, match_quality, caveat, submission_id,
       synthetic
FROM flagged;

-- relation: exclusion_groups
-- Every group of input rows not used, with its reason (the first that applies: skipped at ingest, superseded,
-- invalid, unmapped) and the rows it stands for. Rows without a country are filed under _UNKNOWN.
WITH reasoned AS (
    SELECT country, year, submission_id, source_kind, source_line,
           CASE WHEN trim(skip_reason) IS NULL OR trim(skip_reason) = '' THEN 'invalid-row'
                ELSE trim(skip_reason) END AS reason,
           'skipped at ingest ('
               || CASE WHEN trim(skip_reason) IS NULL OR trim(skip_reason) = '' THEN 'invalid-row'
                       ELSE trim(skip_reason) END
               || '); the submission''s validation report gives the row''s problem and how to fix it' AS detail,
           source_rows
    FROM rows_in
    WHERE NOT coalesce(status = 'accepted', false)
    UNION ALL
    SELECT country, year, submission_id, source_kind, source_line, superseded, superseded_detail, source_rows
    FROM revised
    WHERE superseded IS NOT NULL
    UNION ALL
    SELECT country, year, submission_id, source_kind, source_line, invalid, invalid_detail, source_rows
    FROM value_rows
    WHERE superseded IS NULL AND invalid IS NOT NULL
    UNION ALL
    SELECT country, year, submission_id, source_kind, source_line, unmapped, unmapped_detail, source_rows
    FROM cts_values
    WHERE superseded IS NULL AND unmapped IS NOT NULL
    UNION ALL
    SELECT country, year, submission_id, source_kind, source_line, unmapped, unmapped_detail, source_rows
    FROM national_values
    WHERE unmapped IS NOT NULL)
SELECT CASE WHEN country IS NULL OR trim(country) = '' THEN '_UNKNOWN' ELSE country END AS country, year,
       submission_id, source_kind, source_line, reason, detail, source_rows
FROM reasoned;

-- relation: expanded_groups
-- The excluded groups of several incidents, with the columns (the group's key) that find their rows among the
-- staged rows again.
SELECT e.country AS partition_country, e.reason, e.detail, g.submission_id, g.source_kind, g.skip_reason,
       g.country, g.year, g.cts_indicator, g.cts_dimension, g.cts_category, g.national_code, g.national_label,
       g.iccs_code, g.sex, g.age, g.breakdown_type, g.breakdown, g.unit, g.obs_status, g.footnote, g.source,
       g.match_quality
FROM exclusion_groups e
JOIN groups g ON g.submission_id = e.submission_id AND g.source_line = e.source_line AND g.incident
WHERE e.source_rows > 1;

-- relation: exclusions
-- The exclusions table, one row per input row: a group of several incidents is listed incident by incident,
-- each with its own line.
SELECT country, year, submission_id, source_kind, source_line, reason, detail
FROM exclusion_groups
WHERE source_rows <= 1
UNION ALL
SELECT /*+ BROADCAST(e) */ e.partition_country, s.year, s.submission_id, s.source_kind, s.source_line, e.reason,
       e.detail
FROM staged s
JOIN expanded_groups e
  ON s.submission_id = e.submission_id AND s.source_kind IS NOT DISTINCT FROM e.source_kind
     AND s.skip_reason IS NOT DISTINCT FROM e.skip_reason
     AND s.country IS NOT DISTINCT FROM e.country AND s.year IS NOT DISTINCT FROM e.year
     AND s.cts_indicator IS NOT DISTINCT FROM e.cts_indicator
     AND s.cts_dimension IS NOT DISTINCT FROM e.cts_dimension AND s.cts_category IS NOT DISTINCT FROM e.cts_category
     AND s.national_code IS NOT DISTINCT FROM e.national_code
     AND s.national_label IS NOT DISTINCT FROM e.national_label AND s.iccs_code IS NOT DISTINCT FROM e.iccs_code
     AND s.match_quality IS NOT DISTINCT FROM e.match_quality AND s.sex IS NOT DISTINCT FROM e.sex
     AND s.age IS NOT DISTINCT FROM e.age AND s.breakdown_type IS NOT DISTINCT FROM e.breakdown_type
     AND s.breakdown IS NOT DISTINCT FROM e.breakdown AND s.unit IS NOT DISTINCT FROM e.unit
     AND s.obs_status IS NOT DISTINCT FROM e.obs_status AND s.footnote IS NOT DISTINCT FROM e.footnote
     AND s.source IS NOT DISTINCT FROM e.source
WHERE s.status = 'accepted' AND s.unit = 'incident';

-- relation: responses
-- Who answered which UN-CTS cycle: per country, cycle, submission, indicator and reference year, the number of
-- values of accepted cts rows of a submission loaded for that cycle, counted before revisions.
SELECT v.country, v.cycle, v.submission_id, s.accepted_at, v.indicator, c.cts_section, v.year,
       CAST(count(*) AS BIGINT) AS value_count,
       bool_or(coalesce(lower(v.source) LIKE '%synthetic%', false)) AS synthetic
FROM cts_values v
LEFT JOIN run_submissions s ON s.submission_id = v.submission_id
LEFT JOIN indicator_sections c ON c.indicator = v.indicator
WHERE v.unmapped IS NULL AND v.value IS NOT NULL AND v.indicator IS NOT NULL AND v.cycle IS NOT NULL
  AND v.country IS NOT NULL
GROUP BY v.country, v.cycle, v.submission_id, s.accepted_at, v.indicator, c.cts_section, v.year;

-- relation: changes
-- What this snapshot changed against the previous one, for the partitions compared: every revised, added and
-- withdrawn indicator value (a value is revised when its count, rate or reported rate differs).
WITH current_values AS (SELECT *, true AS present FROM indicators),
earlier_values AS (SELECT *, true AS present FROM previous_indicators)
SELECT coalesce(n.country, e.country) AS country, coalesce(n.year, e.year) AS year,
       coalesce(n.indicator, e.indicator) AS indicator, coalesce(n.sex, e.sex) AS sex,
       coalesce(n.age, e.age) AS age, coalesce(n.breakdown_type, e.breakdown_type) AS breakdown_type,
       coalesce(n.breakdown, e.breakdown) AS breakdown,
       CASE WHEN e.present IS NULL THEN 'added' WHEN n.present IS NULL THEN 'withdrawn' ELSE 'revised' END
           AS change,
       e.count AS old_count, n.count AS new_count, e.rate_per_100k AS old_rate_per_100k,
       n.rate_per_100k AS new_rate_per_100k, e.reported_rate AS old_reported_rate,
       n.reported_rate AS new_reported_rate, e.submission_id AS old_submission_id,
       n.submission_id AS new_submission_id
FROM current_values n
FULL OUTER JOIN earlier_values e
  ON n.country IS NOT DISTINCT FROM e.country AND n.year IS NOT DISTINCT FROM e.year
     AND n.indicator IS NOT DISTINCT FROM e.indicator AND n.sex IS NOT DISTINCT FROM e.sex
     AND n.age IS NOT DISTINCT FROM e.age AND n.breakdown_type IS NOT DISTINCT FROM e.breakdown_type
     AND n.breakdown IS NOT DISTINCT FROM e.breakdown
WHERE e.present IS NULL OR n.present IS NULL OR n.count IS DISTINCT FROM e.count
   OR n.rate_per_100k IS DISTINCT FROM e.rate_per_100k OR n.reported_rate IS DISTINCT FROM e.reported_rate;

-- relation: summary
-- Everything the run reports and the snapshot manifest records per country partition, in one small relation:
-- partition, measure, item (what is counted, or null) and amount. The job checks conservation on it.
WITH entries AS (
    SELECT country, 'staged' AS measure, submission_id AS item, source_rows AS amount FROM groups
    UNION ALL SELECT country, 'rows-in', CAST(NULL AS STRING), source_rows FROM rows_in
    UNION ALL SELECT country, 'outcome', reason, source_rows FROM exclusion_groups
    UNION ALL SELECT country, 'outcome', 'used', source_rows FROM revised
              WHERE superseded IS NULL AND source_kind IN ('correspondence', 'population')
    UNION ALL SELECT country, 'outcome', 'used', source_rows FROM value_observations
    UNION ALL SELECT country, 'table', 'observations', CAST(1 AS BIGINT) FROM observations
    UNION ALL SELECT country, 'table', 'indicators', CAST(1 AS BIGINT) FROM indicators
    UNION ALL SELECT country, 'table', 'exclusions', source_rows FROM exclusion_groups
    UNION ALL SELECT country, 'table', 'responses', CAST(1 AS BIGINT) FROM responses
    UNION ALL SELECT country, 'table', 'changes', CAST(1 AS BIGINT) FROM changes
    UNION ALL SELECT country, 'synthetic', CAST(NULL AS STRING), CAST(1 AS BIGINT) FROM observations
              WHERE synthetic
    UNION ALL SELECT country, 'suppressed', CAST(NULL AS STRING), CAST(1 AS BIGINT) FROM indicators
              WHERE obs_conf = 'C'
    UNION ALL SELECT DISTINCT country, 'unmapped', national_code, CAST(1 AS BIGINT) FROM national_values
              WHERE unmapped IS NOT NULL AND country IS NOT NULL AND national_code IS NOT NULL
    UNION ALL SELECT country, 'listed', reason, CAST(1 AS BIGINT) FROM exclusions
    UNION ALL SELECT country, 'duplicate-lines', submission_id, source_rows FROM groups
              WHERE NOT incident AND source_rows > 1)
SELECT CASE WHEN country IS NULL OR trim(country) = '' THEN '_UNKNOWN' ELSE country END AS partition_name, measure,
       item, CAST(sum(amount) AS BIGINT) AS amount
FROM entries
GROUP BY CASE WHEN country IS NULL OR trim(country) = '' THEN '_UNKNOWN' ELSE country END, measure, item;
