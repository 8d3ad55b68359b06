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

    /*
     * Aliases in the four languages: English first, then Spanish, Portuguese and French (accents and case do not
     * matter: año is anio, année is annee). A name means one column only, in any language (InputFormatTest).
     */
    public static final List<ColumnSpec> NATIONAL = List.of(
            optional("country", "iso3", "country_code", "pais", "código_país", "pays", "code_pays"),
            optional("year", "anio", "año", "ano", "année"),
            optional("date", "incident_date", "fecha", "fecha_hecho", "data", "data_fato", "date_faits"),
            required(
                    "offence_code",
                    "national_code",
                    "offense_code",
                    "codigo_delito",
                    "cod_delito",
                    "código_crime",
                    "código",
                    "code_infraction",
                    "code"),
            required(
                    "offence_label",
                    "national_label",
                    "offense_label",
                    "delito",
                    "descripcion_delito",
                    "crime",
                    "descrição_crime",
                    "infraction",
                    "libellé_infraction"),
            optional("count", "value", "cantidad", "numero", "valor", "quantidade", "contagem", "valeur", "effectif"),
            optional("sex", "victim_sex", "sexo", "sexo_victima", "sexo_vítima", "sexe", "sexe_victime"),
            optional("age_group", "age", "grupo_edad", "edad", "faixa_etária", "idade", "groupe_âge", "tranche_âge"),
            optional("mechanism", "weapon", "mecanismo", "arma", "arma_empleo", "mécanisme", "arme"),
            optional("flag", "obs_status", "estado", "situação", "statut"),
            optional("note", "footnote", "nota", "observacion", "observação", "remarque"));

    public static final List<ColumnSpec> POPULATION = List.of(
            required("country", "iso3", "country_code", "pais", "código_país", "pays", "code_pays"),
            required("year", "anio", "año", "ano", "année"),
            optional("sex", "sexo", "sexe"),
            required("population", "value", "poblacion", "valor", "população", "valeur"),
            optional("source", "fuente", "fonte"));

    public static final List<ColumnSpec> CORRESPONDENCE = List.of(
            required(
                    "national_code",
                    "offence_code",
                    "codigo_nacional",
                    "codigo_delito",
                    "código_crime",
                    "code_national",
                    "code_infraction"),
            required(
                    "national_label",
                    "offence_label",
                    "etiqueta_nacional",
                    "delito",
                    "rótulo_nacional",
                    "crime",
                    "libellé_national",
                    "infraction"),
            required("iccs_code", "iccs", "codigo_iccs", "code_iccs"),
            required(
                    "match_quality",
                    "calidad",
                    "calidad_correspondencia",
                    "qualidade",
                    "qualidade_correspondência",
                    "qualité",
                    "qualité_correspondance"),
            optional("note", "nota", "observação", "remarque"));

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
