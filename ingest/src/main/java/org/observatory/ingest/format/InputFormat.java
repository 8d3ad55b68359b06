package org.observatory.ingest.format;

import static org.observatory.ingest.format.ColumnSpec.optional;
import static org.observatory.ingest.format.ColumnSpec.required;

import java.util.ArrayList;
import java.util.List;
import org.observatory.schemas.codelist.SourceKind;

/** The columns of each input kind, as documented in docs/formats.md. */
public final class InputFormat {
    public static final List<ColumnSpec> CTS = List.of(
            required("iso3_code", "iso3", "iso3 code", "country code"),
            optional("country", "country name"),
            optional("region"),
            optional("subregion"),
            required("indicator"),
            required("dimension"),
            required("category"),
            required("sex"),
            required("age"),
            required("year"),
            required("unit_of_measurement", "unit", "unit of measure"),
            required("value", "obs_value"),
            optional("source"));

    public static final List<ColumnSpec> NATIONAL = List.of(
            optional("country", "pais", "iso3", "country_code"),
            optional("year", "anio", "año", "ano"),
            optional("date", "fecha", "fecha_hecho", "incident_date"),
            required("offence_code", "codigo_delito", "national_code", "cod_delito", "offense_code"),
            required("offence_label", "delito", "descripcion_delito", "national_label", "offense_label"),
            optional("count", "cantidad", "numero", "value"),
            optional("sex", "sexo", "sexo_victima", "victim_sex"),
            optional("age_group", "grupo_edad", "age"),
            optional("mechanism", "mecanismo", "arma", "arma_empleo", "weapon"),
            optional("flag", "estado", "obs_status"),
            optional("note", "nota", "observacion", "footnote"));

    public static final List<ColumnSpec> POPULATION = List.of(
            required("country", "pais", "iso3", "country_code"),
            required("year", "anio", "año", "ano"),
            optional("sex", "sexo"),
            required("population", "poblacion", "value"),
            optional("source", "fuente"));

    public static final List<ColumnSpec> CORRESPONDENCE = List.of(
            required("national_code", "codigo_nacional", "offence_code", "codigo_delito"),
            required("national_label", "etiqueta_nacional", "offence_label", "delito"),
            required("iccs_code", "codigo_iccs", "iccs"),
            required("match_quality", "calidad", "calidad_correspondencia"),
            optional("note", "nota"));

    /**
     * SDMX-CSV 1.0 ({@code DATAFLOW}) and 2.0 ({@code STRUCTURE}, {@code STRUCTURE_ID}, {@code ACTION}) with
     * ICCS-coded series. The file-level rule (one of the two structure identifications) and the codes are checked by
     * {@code SdmxRowValidator}. Exports with {@code labels=both} name their columns {@code ID: Name}; the English
     * names of the SDMX cross-domain concepts are accepted as aliases below.
     */
    public static final List<ColumnSpec> SDMX_CSV = List.of(
            optional("dataflow"),
            optional("structure"),
            optional("structure_id"),
            optional("action"),
            labelled(required("ref_area"), "Reference area"),
            labelled(required("time_period"), "Time period", "Time"),
            labelled(optional("freq"), "Frequency", "Frequency of observation"),
            labelled(
                    required("iccs", "iccs_code", "offence", "offense"),
                    "ICCS",
                    "ICCS code",
                    "ICCS category",
                    "Offence",
                    "Offense",
                    "Crime",
                    "Type of offence"),
            labelled(optional("sex"), "Sex"),
            labelled(optional("age"), "Age"),
            labelled(required("unit_measure"), "Unit of measure", "Unit of measurement", "Unit"),
            labelled(optional("unit_mult"), "Unit multiplier"),
            labelled(required("obs_value"), "Observation value", "Value"),
            labelled(optional("obs_status"), "Observation status"),
            labelled(
                    optional("comment", "obs_comment", "comment_obs", "footnote"),
                    "Comment",
                    "Observation comment",
                    "Footnote"),
            labelled(optional("source", "data_source"), "Source", "Data source"));

    private InputFormat() {}

    public static List<ColumnSpec> columns(SourceKind kind) {
        return switch (kind) {
            case CTS -> CTS;
            case NATIONAL -> NATIONAL;
            case POPULATION -> POPULATION;
            case CORRESPONDENCE -> CORRESPONDENCE;
            case SDMX_CSV -> SDMX_CSV;
        };
    }

    /**
     * The column, also under the {@code ID: Name} headers of an SDMX-CSV export with labels, for each of its IDs and
     * each of those names (e.g. {@code REF_AREA: Reference area}).
     */
    private static ColumnSpec labelled(ColumnSpec column, String... names) {
        List<String> ids = new ArrayList<>();
        ids.add(column.name());
        ids.addAll(column.aliases());
        List<String> aliases = new ArrayList<>(column.aliases());
        for (String id : ids) {
            for (String name : names) {
                aliases.add(id + ": " + name);
            }
        }
        return new ColumnSpec(column.name(), aliases, column.required());
    }
}
