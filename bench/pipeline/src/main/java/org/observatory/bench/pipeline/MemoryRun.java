package org.observatory.bench.pipeline;

import java.nio.file.Path;
import org.observatory.pipeline.engine.EngineKind;
import org.observatory.pipeline.engine.Engines;
import org.observatory.pipeline.io.JsonFiles;
import org.observatory.pipeline.job.PipelineJob;
import org.observatory.schemas.codelist.Codelists;
import org.observatory.schemas.codelist.Countries;
import org.observatory.schemas.codelist.MemberList;
import org.observatory.schemas.record.RunReport;

/**
 * The memory measurement's child JVM: one full pipeline run on the DuckDB engine ({@link Engines#open}, so the system
 * property {@code observatory.duckdb.memoryLimit} sets DuckDB's {@code memory_limit}), started with a small heap by
 * the benchmark. Prints the run's rows and its own peak resident memory (VmHWM) at the end:
 * {@code java -Xmx1g -Dobservatory.duckdb.memoryLimit=1GB -cp ... MemoryRun MANIFEST [MEMBERS]}.
 */
public final class MemoryRun {
    static final String ROWS_IN = "rows in: ";
    static final String PEAK = "VmHWM bytes: ";

    private MemoryRun() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: MemoryRun MANIFEST [MEMBERS]");
            System.exit(2);
        }
        Codelists codelists = args.length == 2
                ? Codelists.withMembers(MemberList.load(Path.of(args[1]), Countries.load()), Countries.load())
                : Codelists.load();
        RunReport report;
        try (var engine = Engines.open(EngineKind.DUCKDB)) {
            report = new PipelineJob(engine, codelists).run(JsonFiles.readRunManifest(Path.of(args[0])));
        }
        System.out.println(ROWS_IN + report.rowsIn());
        System.out.println("engine: " + report.engine() + ", snapshot " + report.snapshotId());
        System.out.println(PEAK + Machine.ownPeakResidentBytes().orElse(-1));
    }
}
