package org.observatory.api.web;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.observatory.api.query.ChangeRecord;
import org.observatory.api.query.Snapshot;
import org.observatory.api.query.SnapshotRepository;
import org.observatory.api.query.SpreadsheetCells;
import org.observatory.api.text.ApiMessage;
import org.observatory.api.web.SnapshotResponses.Caching;
import org.observatory.schemas.codelist.Indicator;
import org.observatory.schemas.codelist.MemberState;
import org.observatory.schemas.error.ObservatoryException;
import org.observatory.schemas.table.SnapshotTables;
import org.observatory.schemas.text.Language;
import org.observatory.schemas.text.Message;

/**
 * {@code GET /api/v1/snapshots/{id}/changes[?country=ISO3&indicator=CODE&format=json|csv]}: the values a published
 * snapshot revised, added and withdrew against the previous one (its {@code changes} table), ordered by country
 * code, indicator, year, sex, age, breakdown type and breakdown, never by the size of a change. JSON gives the
 * snapshot, the previous snapshot, the counts of each kind of change among the rows and the rows; CSV gives the
 * table's columns, then {@code synthetic} and {@code notice}, its text cells neutralised against formula injection
 * ({@link SpreadsheetCells}). The country must be a member state and the indicator in the catalogue. A snapshot
 * published before the pipeline recorded its changes answers 404 ({@code CHANGES_NOT_RECORDED}) saying so. The
 * answer depends on the snapshot id only, so it is immutable ({@link SnapshotResponses}).
 */
public final class ChangesController {
    static final String COUNTRY = "country";
    static final String INDICATOR = "indicator";
    static final String FORMAT = "format";
    static final String JSON = "json";
    static final String CSV = "csv";
    static final List<String> FORMATS = List.of(JSON, CSV);

    private static final CSVFormat CSV_FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final Lookups lookups;
    private final SnapshotRepository repository;
    private final SnapshotResponses responses;

    public ChangesController(Lookups lookups, SnapshotRepository repository, SnapshotResponses responses) {
        this.lookups = requireNonNull(lookups, "lookups is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.responses = requireNonNull(responses, "responses is null");
    }

    public void changes(Context ctx) {
        QueryParameters.acceptOnly(ctx, List.of(COUNTRY, INDICATOR, FORMAT));
        String format = format(ctx);
        Optional<MemberState> member = QueryParameters.optional(ctx, COUNTRY).map(this::member);
        Optional<Indicator> indicator = QueryParameters.optional(ctx, INDICATOR).map(this::indicator);
        Snapshot snapshot = SnapshotController.published(repository, ctx.pathParam("id"));
        Optional<String> iso3 = member.map(MemberState::iso3);
        Optional<String> code = indicator.map(Indicator::code);
        String canonical = String.join(
                "|", "changes", "country=" + iso3.orElse("all"), "indicator=" + code.orElse("all"), "format=" + format);
        Language language = ApiLanguage.language(ctx);
        responses.send(ctx, snapshot.id(), Caching.SNAPSHOT_ID, canonical, () -> {
            List<ChangeRecord> changes = repository.changes(snapshot, iso3, code);
            boolean synthetic = snapshot.containsSyntheticData();
            if (format.equals(CSV)) {
                List<String> name = new ArrayList<>(List.of("changes", snapshot.id()));
                iso3.ifPresent(name::add);
                code.ifPresent(name::add);
                return new SnapshotResponses.Rendered(
                        csv(changes, JsonViews.notice(synthetic)),
                        SeriesCsv.CSV_TYPE,
                        Map.of("Content-Disposition", "inline; filename=\"%s.csv\"".formatted(String.join("-", name))));
            }
            return SnapshotResponses.Rendered.json(new JsonViews.Changes(
                    JsonViews.notice(synthetic, language),
                    synthetic,
                    snapshot.id(),
                    snapshot.manifest().previousSnapshotId(),
                    new JsonViews.ChangeFilters(iso3.orElse(null), code.orElse(null)),
                    counts(changes),
                    changes));
        });
    }

    private MemberState member(String iso3) {
        try {
            return lookups.memberState(iso3);
        } catch (ObservatoryException e) {
            throw new ParameterException(e.errorCode(), COUNTRY, inQueryParameter(e, COUNTRY));
        }
    }

    private Indicator indicator(String code) {
        try {
            return lookups.indicator(code);
        } catch (ObservatoryException e) {
            throw new ParameterException(e.errorCode(), INDICATOR, inQueryParameter(e, INDICATOR));
        }
    }

    /** A lookup's refusal, naming the query parameter that asked for it. */
    private static Message inQueryParameter(ObservatoryException e, String parameter) {
        Object detail = e.message().<Object>map(message -> message).orElse(e.getMessage());
        return Message.of(ApiMessage.IN_QUERY_PARAMETER, "detail", detail, "parameter", parameter);
    }

    private static String format(Context ctx) {
        return QueryParameters.oneOf(ctx, FORMAT, FORMATS, JSON);
    }

    static JsonViews.ChangeCounts counts(List<ChangeRecord> changes) {
        long[] counts = new long[ChangeRecord.KINDS.size()];
        changes.forEach(change -> counts[ChangeRecord.KINDS.indexOf(change.change())]++);
        return new JsonViews.ChangeCounts(counts[0], counts[1], counts[2]);
    }

    /** The rows as CSV: the columns of the {@code changes} table, then {@code synthetic} and {@code notice}. */
    static byte[] csv(List<ChangeRecord> changes, String notice) {
        List<String> header = new ArrayList<>(SnapshotTables.CHANGES.columnNames());
        header.add("synthetic");
        header.add("notice");
        StringBuilder text = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(text, CSV_FORMAT)) {
            printer.printRecord(header);
            for (ChangeRecord change : changes) {
                printer.printRecord(
                        text(change.country()),
                        change.year(),
                        text(change.indicator()),
                        text(change.sex()),
                        text(change.age()),
                        text(change.breakdownType()),
                        text(change.breakdown()),
                        text(change.change()),
                        SeriesCsv.number(change.oldCount()),
                        SeriesCsv.number(change.newCount()),
                        SeriesCsv.number(change.oldRatePer100k()),
                        SeriesCsv.number(change.newRatePer100k()),
                        SeriesCsv.number(change.oldReportedRate()),
                        SeriesCsv.number(change.newReportedRate()),
                        text(change.oldSubmissionId()),
                        text(change.newSubmissionId()),
                        notice != null,
                        notice == null ? "" : notice);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String text(String cell) {
        return SpreadsheetCells.neutralise(cell);
    }
}
