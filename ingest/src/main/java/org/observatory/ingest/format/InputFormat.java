package org.observatory.ingest.format;

import static org.observatory.ingest.format.ColumnSpec.optional;
import static org.observatory.ingest.format.ColumnSpec.required;

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

    private InputFormat() {}

    public static List<ColumnSpec> columns(SourceKind kind) {
        return switch (kind) {
            case CTS -> CTS;
            case NATIONAL -> NATIONAL;
            case POPULATION -> POPULATION;
            case CORRESPONDENCE -> CORRESPONDENCE;
            case SDMX_CSV -> throw new UnsupportedOperationException("sdmx-csv");
        };
    }
}
