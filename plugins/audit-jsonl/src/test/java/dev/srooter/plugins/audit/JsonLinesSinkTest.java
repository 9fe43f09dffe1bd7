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
        return AuditEvent.builder().id("req-" + i).createdAt(Instant.parse("2026-12-01T10:00:00Z")).keyId("k1")
                .username("dana").team("payments").endpoint("messages").requestedModel("claude-sonnet-4-5")
                .servedModel("claude-sonnet-4-5").provider("anthropic").route("direct").intent("trivial")
                .intentConfidence(0.9).inputTokens(10).outputTokens(20).costUsd(0.0012).priceKnown(true)
                .latencyMs(12.5).ttfbMs(3.0).status(200).riskScore(12).risk("low 12").promptSha256("ab".repeat(32))
                .build();
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
        assertTrue(current.get(0).contains("\"intentConfidence\":0.9") && current.get(0).contains("\"riskScore\":12")
                && current.get(0).contains("\"risk\":\"low 12\""), "the fields added in api 0.2.0: " + current.get(0));
        for (String line : current) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), line);
        }
    }
}
