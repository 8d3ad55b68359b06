package org.observatory.bench.api;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.observatory.api.ApiServer;
import org.observatory.api.config.ApiConfig;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.storage.DataDirectory;

/**
 * The API server in this JVM over a {@link GeneratedSnapshot}; each publication writes a whole new generated
 * snapshot (other values, DuckDB writing its Parquet files) and only then replaces {@code CURRENT}, through the
 * protocol the pipeline's warehouse follows. Needs nothing but this module, so the build's smoke test runs it.
 */
final class GeneratedPublishing implements PublishingServer {
    private final GeneratedSnapshot generated;
    private final DataDirectory data;
    private final ApiServer server;
    private final int years;
    private final List<String> series;
    private int published;

    private GeneratedPublishing(GeneratedSnapshot generated, DataDirectory data, ApiServer server, int years) {
        this.generated = requireNonNull(generated, "generated is null");
        this.data = requireNonNull(data, "data is null");
        this.server = requireNonNull(server, "server is null");
        this.years = years;
        this.series = generated.seriesPaths(42);
    }

    /** Generates and publishes the first snapshot under {@code work/data} and serves it, the response cache on. */
    static GeneratedPublishing start(Path work, int years, long cacheBytes) {
        Codelists codelists = Codelists.load();
        DataDirectory data = new DataDirectory(work.resolve("data"));
        GeneratedSnapshot generated = new GeneratedSnapshot(data, codelists);
        generated.write(snapshotId(0), years, 42);
        ApiServer server =
                ApiServer.start(ApiConfig.of(data, codelists).withResponseCacheBytes(cacheBytes), "127.0.0.1", 0);
        return new GeneratedPublishing(generated, data, server, years);
    }

    private static String snapshotId(int index) {
        return "bench-%04d".formatted(index);
    }

    @Override
    public URI base() {
        return server.baseUri();
    }

    @Override
    public Path currentPointer() {
        return data.currentPointer();
    }

    @Override
    public List<String> seriesPaths() {
        return series;
    }

    @Override
    public String description() {
        return "a generated snapshot written whole (DuckDB, Parquet), then CURRENT replaced atomically;"
                + " API server in the benchmark JVM";
    }

    @Override
    public Publication publish() {
        published++;
        String next = snapshotId(published);
        long rows = generated.write(next, years, 42 + published);
        return new Publication(next, "%,d indicator rows written".formatted(rows));
    }

    @Override
    public void close() {
        server.close();
    }
}
