package dev.srooter.server.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real Liberty the tests run on: srooter found its HTTP statistics filter where Liberty 26.0.0.3 keeps it, and
 * turned it off as server.xml's monitor filter asks (the flag read back off). Were Liberty's classes to move, srooter
 * would log that it left them, and this test would say so. What the filter cost: bench/README.md.
 */
class LibertyHttpStatisticsIT {

    private final Gateway gateway = Gateway.get();

    @Test
    void libertysHttpStatisticsAreOffAsTheMonitorFilterAsks() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(gateway.logDir())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("messages")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("srooter: Liberty's per-request HTTP statistics are off")),
                "no word from srooter on Liberty's HTTP statistics in " + lines.size() + " lines of messages*.log");
        assertFalse(lines.stream().anyMatch(l -> l.contains("HTTP statistics are left as Liberty set them")));
    }
}
