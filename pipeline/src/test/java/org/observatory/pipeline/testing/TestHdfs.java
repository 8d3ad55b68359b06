package org.observatory.pipeline.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An in-JVM HDFS (one NameNode, one DataNode) from {@code hadoop-client-minicluster}, for the tests of warehouses
 * and staging on {@code hdfs:} URIs. A test class starts one in {@code @BeforeAll} under its own temporary
 * directory and {@link #close closes} it in {@code @AfterAll}.
 */
public final class TestHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;

    private TestHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts an HDFS whose blocks and metadata live under {@code baseDirectory}. */
    public static TestHdfs start(Path baseDirectory) throws IOException {
        Configuration configuration = new Configuration();
        configuration.set(
                MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
                baseDirectory.toAbsolutePath().toString());
        // no web UIs, one replica: a test needs neither
        configuration.set("dfs.namenode.http-address", "127.0.0.1:0");
        configuration.set("dfs.datanode.http.address", "127.0.0.1:0");
        configuration.setInt("dfs.replication", 1);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(configuration)
                .numDataNodes(1)
                .format(true)
                .build();
        cluster.waitActive();
        return new TestHdfs(cluster);
    }

    /** The file system's root, e.g. {@code hdfs://localhost:41234/}. */
    public URI uri() {
        return URI.create("hdfs://localhost:" + cluster.getNameNodePort() + "/");
    }

    /** A location under the root, e.g. {@code uri("observatory/warehouse")}. */
    public String uri(String path) {
        return uri().resolve(path).toString();
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
