package org.observatory.pipeline.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.observatory.schemas.error.ErrorCode;
import org.observatory.schemas.error.ObservatoryException;

class LocationsTest {
    @Test
    void resolvesPathsAndFileUrisToLocalStorageForEitherEngine(@TempDir Path directory) {
        for (Locations.Reach reach : Locations.Reach.values()) {
            Location plain = Locations.resolve(directory.toString(), "warehouseUri", reach);
            assertThat(plain.storage()).isSameAs(LocalStorage.INSTANCE);
            assertThat(plain.localPath()).isEqualTo(directory);
            assertThat(Locations.resolve(directory.toUri().toString(), "warehouseUri", reach)
                            .localPath())
                    .isEqualTo(directory);
            assertThat(Locations.resolve("data/warehouse", "warehouseUri", reach)
                            .localPath())
                    .isEqualTo(Path.of("data/warehouse").toAbsolutePath().normalize());
        }
        assertThat(Location.local(directory).uri()).isEqualTo(directory.toUri().toString());
    }

    @Test
    void refusesClusterUrisForTheDuckDbEngine() {
        assertThatThrownBy(() -> Locations.resolve(
                        "hdfs://cluster/observatory/warehouse", "warehouseUri", Locations.Reach.LOCAL))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Run manifest warehouseUri 'hdfs://cluster/observatory/warehouse' is not usable: the"
                        + " DuckDB engine reads and writes local paths and file: URIs only; run with --engine spark for"
                        + " a cluster URI, or copy the data to a local directory")
                .extracting(error -> ((ObservatoryException) error).errorCode())
                .isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    }

    @Test
    void refusesAClusterUriWithoutAnAbsolutePath() {
        assertThatThrownBy(() -> Locations.resolve("hdfs:warehouse", "stagingUri", Locations.Reach.CLUSTER))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Run manifest stagingUri 'hdfs:warehouse' is not usable: a cluster URI needs an absolute"
                        + " path, e.g. hdfs://namenode:8020/observatory");
    }

    @Test
    void refusesAnEmptyLocation() {
        assertThatThrownBy(() -> Locations.resolve(" ", "stagingUri", Locations.Reach.CLUSTER))
                .isInstanceOf(ObservatoryException.class)
                .hasMessage("Run manifest stagingUri ' ' is not usable: it is empty");
    }

    /**
     * The DuckDB engine's start-up must not pay for Hadoop's classes: a local warehouse works on a class path with
     * no Hadoop (and no Spark) at all.
     */
    @Test
    void localStorageWorksWithoutHadoopOnTheClassPath(@TempDir Path directory) throws Exception {
        URL[] withoutHadoop = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("hadoop") && !entry.contains("spark"))
                .map(entry -> {
                    try {
                        return Path.of(entry).toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(withoutHadoop, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> loader.loadClass("org.apache.hadoop.fs.FileSystem"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> locations = loader.loadClass(Locations.class.getName());
            Class<?> reach = loader.loadClass(Locations.Reach.class.getName());
            Object local = reach.getEnumConstants()[0];
            Object location = locations
                    .getMethod("resolve", String.class, String.class, reach)
                    .invoke(null, directory.toString(), "warehouseUri", local);
            Class<?> lock = loader.loadClass(WarehouseLock.class.getName());
            try (AutoCloseable held =
                    (AutoCloseable) lock.getMethod("acquire", loader.loadClass(Location.class.getName()), String.class)
                            .invoke(null, location, "run-1")) {
                assertThat(directory.resolve(WarehouseLock.FILE_NAME)).isRegularFile();
            }
        }
    }
}
