package dev.srooter.plugins.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srooter.api.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSinkTest {

    static AuditEvent event(int i) {
        return new AuditEvent("req-" + i, Instant.parse("2026-12-01T10:00:00Z"), "k1", "dana", "payments", "messages",
                "claude-sonnet-4-5", "claude-sonnet-4-5", "anthropic", "direct", "trivial", false, 10, 20, 0, 0,
                0.0012, true, 12.5, 3.0, 200, null, null, null, null, "ab".repeat(32));
    }

    @Test
    void writesOneLinePerRecordAndRotatesBySizeKeepingTheNewest(@TempDir Path dir) throws Exception {
        JsonLinesSink sink = new JsonLinesSink();
        sink.configure(Map.of("dir", dir.toString(), "maxBytes", "2000", "keep", "2"));
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                AuditEvent e = event(batch * 3 + i);
                events.add(e);
                ids.add(e.id());
            }
            sink.write(events);
        }
        List<Path> rotated;
        try (Stream<Path> files = Files.list(dir)) {
            rotated = files.filter(f -> f.getFileName().toString().startsWith("audit-")).sorted().toList();
        }
        assertEquals(2, rotated.size(), "only the newest two rotated files are kept");
        List<String> current = Files.readAllLines(dir.resolve("audit.jsonl"));
        assertTrue(Files.size(dir.resolve("audit.jsonl")) <= 2000);
        assertEquals(ids.get(ids.size() - 1), current.get(current.size() - 1).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        assertTrue(current.get(0).contains("\"username\":\"dana\"") && current.get(0).contains("\"costUsd\":0.0012"),
                current.get(0));
        for (String line : current) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        }
    }
}
