package org.observatory.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.observatory.pipeline.io.Location;
import org.observatory.pipeline.io.Locations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code observatory cluster push|pull}: the step between this machine (ingest stages here, the API reads the
 * warehouse here) and a cluster's file system ({@code hdfs:}, {@code s3a:}) where a Spark run reads and writes
 * ({@link ClusterTransfer}).
 */
@Command(
        name = "cluster",
        description = "Copy staged submissions to a cluster file system (hdfs:, s3a:) and its published snapshot back.",
        mixinStandardHelpOptions = true,
        subcommands = {ClusterCommand.Push.class, ClusterCommand.Pull.class})
final class ClusterCommand {
    @Command(
            name = "push",
            description = "Copy the staged submissions the cluster lacks to URI/staging. With --manifest, only those"
                    + " the run manifest names, and write cluster-manifest.json next to it (the same run with"
                    + " URI/staging and URI/warehouse) for spark-submit.",
            mixinStandardHelpOptions = true)
    static final class Push implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "URI",
                description = "The cluster's data root, e.g. hdfs://namenode:8020/observatory.")
        String to;

        @Option(names = "--manifest", paramLabel = "FILE", description = "A run manifest (runs/RUN/manifest.json).")
        Path manifest;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Location remote = Locations.resolve(to, "--to", Locations.Reach.CLUSTER);
            ClusterTransfer.Pushed pushed =
                    ClusterTransfer.push(common.dataDirectory(), remote, Optional.ofNullable(manifest));
            var out = spec.commandLine().getOut();
            if (common.format() == OutputFormat.json) {
                out.println(Json.write(pushed));
            } else {
                out.println(CliLanguage.text(
                        spec,
                        CliMessage.CLUSTER_PUSHED,
                        "copied",
                        pushed.copied().size(),
                        "staging",
                        remote.resolve("staging").uri(),
                        "already",
                        pushed.alreadyThere().size()));
                pushed.clusterManifest()
                        .ifPresent(file -> out.println(
                                CliLanguage.text(spec, CliMessage.CLUSTER_MANIFEST, "file", file.toString())));
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "pull",
            description = "Copy the snapshot the cluster's warehouse (URI/warehouse) has published into the local"
                    + " warehouse, unless it is there, and make it the local current snapshot.",
            mixinStandardHelpOptions = true)
    static final class Pull implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--from",
                required = true,
                paramLabel = "URI",
                description = "The cluster's data root, e.g. hdfs://namenode:8020/observatory.")
        String from;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Location remote = Locations.resolve(from, "--from", Locations.Reach.CLUSTER);
            ClusterTransfer.Pulled pulled = ClusterTransfer.pull(common.dataDirectory(), remote);
            var out = spec.commandLine().getOut();
            if (common.format() == OutputFormat.json) {
                out.println(Json.write(pulled));
            } else {
                out.println(CliLanguage.text(
                        spec,
                        CliMessage.CLUSTER_PULLED,
                        "snapshot",
                        pulled.snapshotId(),
                        "copy",
                        CliLanguage.text(
                                spec, pulled.copied() ? CliMessage.CLUSTER_COPIED : CliMessage.CLUSTER_ALREADY_HERE),
                        "publication",
                        CliLanguage.text(
                                spec,
                                pulled.published() ? CliMessage.CLUSTER_NOW_CURRENT : CliMessage.CLUSTER_WAS_CURRENT)));
            }
            out.flush();
            return 0;
        }
    }
}
